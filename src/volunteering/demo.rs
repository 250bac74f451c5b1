//! The example needs behind `serve --demo`: what a Swedish municipality and its partner
//! associations typically ask volunteers for, so the volunteer conversation and the
//! coordinator pages can be tried at once. Loaded only into a municipality without needs.

use serde::Deserialize;

use super::{VolunteeringError, needs};
use crate::store::Store;
use crate::volunteers::Need;

static DEMO_NEEDS: &str = include_str!("../../volunteering/demo-needs.toml");

#[derive(Deserialize)]
struct DemoFile {
    need: Vec<DemoNeed>,
}

#[derive(Deserialize)]
struct DemoNeed {
    contact: String,
    #[serde(flatten)]
    need: Need,
}

/// The demo needs, parsed (a unit test keeps the file valid).
fn parse() -> Result<Vec<(Need, String)>, toml::de::Error> {
    let file: DemoFile = toml::from_str(DEMO_NEEDS)?;
    Ok(file
        .need
        .into_iter()
        .map(|demo| (demo.need, demo.contact))
        .collect())
}

/// Stores the demo needs if the municipality has none yet; returns how many were added.
pub async fn seed(store: &Store, municipality_id: &str) -> Result<usize, VolunteeringError> {
    if !needs::all(store, municipality_id).await?.is_empty() {
        return Ok(0);
    }
    let demo = parse().map_err(|e| VolunteeringError::Demo(e.to_string()))?;
    for (need, contact) in &demo {
        needs::create(store, municipality_id, need, contact, None).await?;
    }
    Ok(demo.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_needs_parse_and_have_swedish_and_english_texts() {
        let needs = super::parse().expect("the demo needs parse");
        assert!(needs.len() >= 5);
        for (need, contact) in &needs {
            assert!(!contact.is_empty());
            for lang in [crate::language::Lang::Sv, crate::language::Lang::En] {
                assert!(
                    need.texts.contains_key(&lang),
                    "{:?} lacks {lang}",
                    need.texts
                );
            }
        }
    }
}
