//! The demo residents' cases behind `serve --demo`: a few fictional cases, stored once under
//! the case system `demo`, so Mina sidor and the chat have something to show.

use sqlx::Row;

use crate::cases::{CaseReport, LocalText, records};
use crate::residents::Keyring;
use crate::residents::demo::RESIDENTS;
use crate::store::Store;

/// (resident index, external id, type, status, unit, next step, due date)
type DemoCase = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
    Option<&'static str>,
);

const CASES: &[DemoCase] = &[
    (
        0,
        "demo-1",
        "building-permit",
        "neighbours-consulted",
        "Byggnadsnämnden",
        Some((
            "Du behöver inte göra något just nu. Vi hör av oss när grannarna har svarat.",
            "You need not do anything now. We will be in touch when the neighbours have answered.",
        )),
        None,
    ),
    (
        0,
        "demo-2",
        "preschool",
        "queued",
        "Förskoleförvaltningen",
        Some((
            "Håll kontaktuppgifterna i e-tjänsten aktuella så att erbjudandet når dig.",
            "Keep your contact details in the e-service up to date so that the offer reaches you.",
        )),
        Some("2026-03-01"),
    ),
    (
        1,
        "demo-3",
        "home-adaptation",
        "needs-completion",
        "Bostadsanpassning",
        Some((
            "Skicka intyget från arbetsterapeuten via e-tjänsten.",
            "Send the occupational therapist's certificate through the e-service.",
        )),
        Some("2026-12-15"),
    ),
];

/// Stores the demo cases unless there are some already; returns how many were added.
pub async fn seed(
    store: &Store,
    municipality_id: &str,
    keyring: &Keyring,
) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query(
        "SELECT COUNT(*) FROM cases WHERE municipality_id = $1 AND source_system = 'demo'",
    )
    .bind(municipality_id)
    .fetch_one(&store.pool)
    .await?
    .get(0);
    if existing > 0 {
        return Ok(0);
    }
    for (resident, id, case_type, status, unit, next_step, due) in CASES {
        let report = CaseReport {
            personal_number: RESIDENTS[*resident].personal_number.to_string(),
            case_type: case_type.to_string(),
            status: status.to_string(),
            unit: unit.to_string(),
            next_step: next_step.map(|(sv, en)| {
                LocalText::Languages(
                    [
                        ("sv".to_string(), sv.to_string()),
                        ("en".to_string(), en.to_string()),
                    ]
                    .into_iter()
                    .collect(),
                )
            }),
            due_date: due.map(str::to_string),
        };
        let update = report
            .validate(keyring)
            .map_err(|errors| anyhow::anyhow!("demo case {id} is invalid: {errors:?}"))?;
        records::apply_one(store, municipality_id, "demo", id, &update).await?;
    }
    Ok(CASES.len())
}
