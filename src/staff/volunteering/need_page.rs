//! One need for its coordinator: the need, the volunteers who said they are interested (with
//! why it suits them, as they were told and as it stands now), the volunteers who would suit
//! it best, the coordinator's answer to an interest, and the interested volunteers as CSV.
//! Volunteers are personal data: every page and export that shows them is audited.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDateTime;
use serde_json::{Value, json};

use super::super::accounts::StaffUser;
use super::super::pages::Page;
use super::super::{CsrfForm, LangQuery, Staff, StaffError, audit, check_csrf};
use super::times::availability;
use super::{
    coordinator, csv, not_found_or_internal, organiser, place, status, stored_need, title,
};
use crate::app::App;
use crate::language::Lang;
use crate::volunteering::interests::{self, Answer, Interest, InterestStatus};
use crate::volunteering::needs::StoredNeed;
use crate::volunteering::profiles::{self, StoredProfile};
use crate::volunteers::{
    AgeBand, Exclusion, MinimumAge, Schedule, explain, language_label, render, skill_label,
    topic_label, volunteers_for,
};

/// How many suggested volunteers the page lists.
const SUGGESTIONS: usize = 10;

pub async fn show(
    State(app): State<App>,
    Staff(user): Staff,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = coordinator(&user, &query, &headers)?;
    let stored = stored_need(&app, &id, lang).await?;
    need_view(&app, &user, lang, &stored, None).await
}

async fn need_view(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    stored: &StoredNeed,
    notice: Option<&str>,
) -> Result<Html<String>, StaffError> {
    let municipality = app.assistant().municipality.id.clone();
    let need = &stored.need;
    let internal = |error| not_found_or_internal(error, lang);
    let interested = interests::for_need(app.store(), &municipality, need.id)
        .await
        .map_err(internal)?;
    let everyone = profiles::all(app.store(), &municipality)
        .await
        .map_err(internal)?;
    let now = now();
    // Those who already said they are interested are listed above, not suggested again.
    let candidates: Vec<_> = everyone
        .iter()
        .filter(|stored| {
            !interested
                .iter()
                .any(|interest| interest.volunteer.profile.id == stored.profile.id)
        })
        .map(|stored| stored.profile.clone())
        .collect();
    let suggested = volunteers_for(need, &candidates, now, SUGGESTIONS);
    // Volunteers are a resident's personal data: every look at them is recorded.
    audit::record(
        app.store(),
        &municipality,
        Some(user.id),
        "volunteer-need.view",
        &need.id.to_string(),
        &format!(
            "{} interested, {} suggested",
            interested.len(),
            suggested.len()
        ),
    )
    .await?;

    let (title_lang, heading) = title(need, lang);
    let mut page = Page::new(app, lang, "volunteering", "staff-volunteering")
        .signed_in(user)
        .titled(&heading);
    if let Some(key) = notice {
        page = page.notice(key);
    }
    let interests: Vec<Value> = interested
        .iter()
        .map(|interest| {
            let now_reasons = match explain(&interest.volunteer.profile, need, now) {
                Ok(matched) => render(&matched.reasons, lang),
                Err(exclusions) => page.text_with(
                    "staff-need-no-longer",
                    &[("reasons", &exclusions_text(&page, &exclusions))],
                ),
            };
            let mut row = volunteer(&page, &interest.volunteer, lang);
            row["interest"] = json!(interest.id);
            row["told"] = json!(interest.reasons);
            row["now"] = json!(now_reasons);
            row["status"] = json!(page.text(match interest.status {
                InterestStatus::Pending => "staff-need-interest-pending",
                InterestStatus::Accepted => "staff-need-interest-accepted",
                InterestStatus::Declined => "staff-need-interest-declined",
            }));
            row["pending"] = json!(interest.status == InterestStatus::Pending);
            row["expressed"] = json!(when(interest.created_at));
            row
        })
        .collect();
    let suggestions: Vec<Value> = suggested
        .iter()
        .filter_map(|candidate| {
            let stored = everyone
                .iter()
                .find(|stored| stored.profile.id == candidate.volunteer)?;
            let mut row = volunteer(&page, stored, lang);
            row["reasons"] = json!(render(&candidate.reasons, lang));
            Some(row)
        })
        .collect();
    let text = need.text_and_lang(lang);
    let details = json!({
        "id": need.id.0,
        "title_lang": title_lang.code(),
        "description": text.map(|(_, text)| text.description.clone()).unwrap_or_default(),
        "description_dir": title_lang.dir(),
        "organiser": organiser(&page, &need.organiser),
        "place": place(&page, &need.place),
        "schedule": schedule_lines(&page, &need.schedule, lang),
        "skills": need.skills.iter().map(|skill| skill_label(*skill, lang)).collect::<Vec<_>>().join(", "),
        "topics": need.topics.iter().map(|topic| topic_label(*topic, lang)).collect::<Vec<_>>().join(", "),
        "languages": need.languages.iter().map(|code| language_label(*code, lang)).collect::<Vec<_>>().join(", "),
        "minimum_age": match need.minimum_age { MinimumAge::Sixteen => 16, MinimumAge::Eighteen => 18 },
        "record_extract": page.text(if need.requires_record_extract { "staff-yes" } else { "staff-no" }),
        "accepted": need.accepted,
        "capacity": need.capacity,
        "pending": stored.pending,
        "status": status(&page, need.status),
        "open": need.status == crate::volunteers::NeedStatus::Open,
        "contact": stored.contact,
    });
    Ok(page.render(
        "need",
        json!({ "need": details, "interests": interests, "suggestions": suggestions }),
    ))
}

/// What the pages show of a volunteer (never how to reach them: that goes through the
/// portal's answer).
fn volunteer(page: &Page, stored: &StoredProfile, lang: Lang) -> Value {
    let profile = &stored.profile;
    let mut areas: Vec<String> = profile
        .areas
        .iter()
        .map(|area| area.name().to_string())
        .collect();
    if profile.accepts_online {
        areas.push(page.text("staff-need-online"));
    }
    json!({
        "volunteer": profile.id.0,
        "languages": profile.languages.iter().map(|code| language_label(*code, lang)).collect::<Vec<_>>().join(", "),
        "areas": areas.join(", "),
        "age": age_band(profile.age),
        "availability": availability(&profile.availability, lang),
    })
}

fn age_band(age: AgeBand) -> &'static str {
    match age {
        AgeBand::SixteenToSeventeen => "16–17",
        AgeBand::Adult => "18+",
    }
}

fn schedule_lines(page: &Page, schedule: &Schedule, lang: Lang) -> Vec<String> {
    match schedule {
        Schedule::Weekly { slots, until } => {
            let mut lines = vec![availability(slots, lang)];
            if let Some(until) = until {
                let until = until.to_string();
                lines.push(page.text_with("staff-need-until-date", &[("date", &until)]));
            }
            lines
        }
        Schedule::Dates(occasions) => occasions
            .iter()
            .map(|occasion| format!("{} {}", occasion.date, occasion.window))
            .collect(),
    }
}

fn exclusions_text(page: &Page, exclusions: &[Exclusion]) -> String {
    exclusions
        .iter()
        .map(|exclusion| match exclusion {
            Exclusion::Closed => page.text("staff-need-exclusion-closed"),
            Exclusion::Full => page.text("staff-need-exclusion-full"),
            Exclusion::Over => page.text("staff-need-exclusion-over"),
            Exclusion::TooYoung(_) => page.text("staff-need-exclusion-too-young"),
            Exclusion::RecordExtractNotAccepted => page.text("staff-need-exclusion-record-extract"),
            Exclusion::AreaNotReachable(area) => {
                page.text_with("staff-need-exclusion-area", &[("area", area.name())])
            }
            Exclusion::OnlineNotAccepted => page.text("staff-need-exclusion-online"),
            Exclusion::NoCommonTime => page.text("staff-need-exclusion-time"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

fn when(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// Accepts or declines an interest: the volunteer is told once, in their channel and
/// language; answering again changes nothing.
pub async fn decide(
    State(app): State<App>,
    Staff(user): Staff,
    Path((id, interest, answer)): Path<(String, String, String)>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Html<String>, StaffError> {
    let lang = coordinator(&user, &query, &headers)?;
    check_csrf(&user, &form.csrf, lang)?;
    let answer = match answer.as_str() {
        "accept" => Answer::Accept,
        "decline" => Answer::Decline,
        _ => return Err(StaffError::NotFound(lang)),
    };
    let stored = stored_need(&app, &id, lang).await?;
    let municipality = app.assistant().municipality.id.clone();
    let interested = interests::for_need(app.store(), &municipality, stored.need.id)
        .await
        .map_err(|error| not_found_or_internal(error, lang))?;
    let interest: &Interest = interest
        .parse::<i64>()
        .ok()
        .and_then(|interest| interested.iter().find(|found| found.id == interest))
        .ok_or(StaffError::NotFound(lang))?;
    let full = answer == Answer::Accept
        && interest.status == InterestStatus::Pending
        && stored.need.is_full();
    let notice = if full {
        "staff-need-full"
    } else if interests::decide(
        &app,
        &municipality,
        stored.need.id,
        interest.id,
        answer,
        user.id,
    )
    .await
    .map_err(|error| not_found_or_internal(error, lang))?
    {
        let (action, notice) = match answer {
            Answer::Accept => ("volunteer-interest.accept", "staff-need-accepted"),
            Answer::Decline => ("volunteer-interest.decline", "staff-need-declined"),
        };
        audit::record(
            app.store(),
            &municipality,
            Some(user.id),
            action,
            &format!("interest-{}", interest.id),
            &format!("{} {}", stored.need.id, interest.volunteer.profile.id),
        )
        .await?;
        notice
    } else {
        "staff-need-already-answered"
    };
    // Read again: the accepted count has changed.
    let stored = stored_need(&app, &stored.need.id.0.to_string(), lang).await?;
    need_view(&app, &user, lang, &stored, Some(notice)).await
}

/// The columns of the export.
const CSV_HEADER: [&str; 7] = [
    "volunteer_id",
    "status",
    "languages",
    "areas",
    "age_band",
    "reasons",
    "expressed_at",
];

/// The need's interested volunteers as CSV, for a spreadsheet.
pub async fn export(
    State(app): State<App>,
    Staff(user): Staff,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, StaffError> {
    let lang = coordinator(&user, &query, &headers)?;
    let stored = stored_need(&app, &id, lang).await?;
    let municipality = app.assistant().municipality.id.clone();
    let interested = interests::for_need(app.store(), &municipality, stored.need.id)
        .await
        .map_err(|error| not_found_or_internal(error, lang))?;
    audit::record(
        app.store(),
        &municipality,
        Some(user.id),
        "volunteer-need.export",
        &stored.need.id.to_string(),
        &format!("{} volunteers", interested.len()),
    )
    .await?;
    let rows: Vec<Vec<String>> = interested
        .iter()
        .map(|interest| {
            let profile = &interest.volunteer.profile;
            let mut areas: Vec<&str> = profile.areas.iter().map(|area| area.name()).collect();
            if profile.accepts_online {
                areas.push("online");
            }
            vec![
                profile.id.0.to_string(),
                json!(interest.status)
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                profile
                    .languages
                    .iter()
                    .map(|code| code.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                areas.join("; "),
                age_band(profile.age).to_string(),
                interest.reasons.clone(),
                chrono::DateTime::from_timestamp_millis(interest.created_at)
                    .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    // The file name is made of the need's number only, so nothing typed can reach the header.
    let filename = format!("need-{}-volunteers.csv", stored.need.id.0);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        csv::table(&CSV_HEADER, &rows),
    )
        .into_response())
}
