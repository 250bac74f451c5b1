//! The article editor: the list with each language's translation status, editing one
//! language of an article, a preview of how the assistant would answer with the draft,
//! publishing (a new revision, the index rebuilt at once), revisions with a diff and restore,
//! and export in the `knowledge/` file format so content can live in git too.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use super::accounts::{Role, StaffUser};
use super::pages::Page;
use super::{CsrfForm, Staff, StaffError, audit, check_csrf, page_lang, require};
use crate::app::App;
use crate::chat::{Assistant, Context, Turn};
use crate::knowledge::{Article, ArticleText, Link, TopicId, TranslationStatus};
use crate::language::Lang;

pub fn router() -> Router<App> {
    Router::new()
        .route("/staff/articles", get(list))
        .route("/staff/articles/{topic}", get(edit_page).post(save))
        .route("/staff/articles/{topic}/history", get(history))
        .route("/staff/articles/{topic}/restore/{revision}", post(restore))
        .route("/staff/articles/{topic}/export", get(export))
        .route("/staff/articles/import", post(import))
}

#[derive(Debug, Deserialize, Default)]
pub struct ArticleQuery {
    lang: Option<String>,
    edit: Option<String>,
    q: Option<String>,
    /// For a new article: the resident's question it starts from (the review queue).
    question: Option<String>,
}

fn lang_of(query: &ArticleQuery, headers: &HeaderMap) -> Lang {
    page_lang(
        &super::LangQuery {
            lang: query.lang.clone(),
            days: None,
        },
        headers,
    )
}

fn status_word(article: &Article, lang: Lang) -> &'static str {
    match article.texts.get(&lang) {
        Some(text) if text.body.is_some() => match text.status {
            TranslationStatus::Reviewed => "reviewed",
            TranslationStatus::Machine => "machine",
        },
        _ => "missing",
    }
}

async fn list(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<ArticleQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = lang_of(&query, &headers);
    require(&user, Role::Editor, lang)?;
    list_view(&app, &user, lang, &query, None, None).await
}

async fn list_view(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    query: &ArticleQuery,
    notice: Option<&str>,
    error: Option<String>,
) -> Result<Html<String>, StaffError> {
    let assistant = app.assistant();
    let edited = crate::revisions::latest(app.store(), &assistant.municipality.id).await?;
    let needle = query
        .q
        .as_deref()
        .map(crate::folding::fold)
        .unwrap_or_default();
    let languages = &assistant.municipality.languages;
    let articles: Vec<Value> = assistant
        .knowledge
        .articles()
        .iter()
        .filter(|article| {
            needle.is_empty()
                || crate::folding::fold(article.id.as_str()).contains(&needle)
                || article
                    .texts
                    .values()
                    .any(|t| crate::folding::fold(&t.title).contains(&needle))
        })
        .map(|article| {
            json!({
                "id": article.id.as_str(),
                "title": article.title(lang),
                "status": languages.iter().map(|l| status_word(article, *l)).collect::<Vec<_>>(),
                "edited": edited.iter().any(|e| e.id == article.id),
            })
        })
        .collect();
    let mut page = Page::new(app, lang, "articles", "staff-articles").signed_in(user);
    if let Some(key) = notice {
        page = page.notice(key);
    }
    Ok(page.render(
        "articles",
        json!({ "articles": articles, "languages": languages.iter().map(|l| l.code()).collect::<Vec<_>>(), "q": query.q, "error": error }),
    ))
}

#[derive(Debug, Deserialize)]
struct ImportForm {
    csrf: String,
    file: String,
}

/// Publishes an article pasted in the `knowledge/` file format (content kept in git).
async fn import(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<ArticleQuery>,
    headers: HeaderMap,
    Form(form): Form<ImportForm>,
) -> Result<Html<String>, StaffError> {
    let lang = lang_of(&query, &headers);
    require(&user, Role::Editor, lang)?;
    check_csrf(&user, &form.csrf, lang)?;
    let id = form
        .file
        .parse::<toml::Table>()
        .ok()
        .and_then(|table| table.get("id").and_then(|v| v.as_str()).map(str::to_string))
        .unwrap_or_default();
    let parsed =
        Article::parse(&format!("knowledge/{id}.toml"), &form.file).map_err(|e| e.to_string());
    let checked = match parsed {
        Ok(article) => with_draft(&app, article.clone())
            .await
            .map(|assistant| (article, assistant)),
        Err(reason) => Err(reason),
    };
    match checked {
        Ok((article, assistant)) => {
            let municipality = assistant.municipality.id.clone();
            let revision = crate::revisions::save(
                app.store(),
                &municipality,
                &article,
                Some(user.id),
                "import",
            )
            .await?;
            audit::record(
                app.store(),
                &municipality,
                Some(user.id),
                "article.import",
                article.id.as_str(),
                &format!("revision {revision}"),
            )
            .await?;
            // Rebuilt from the store rather than swapping in the checked draft: the draft
            // was built from the edits as they were before, and another save may have
            // landed since.
            app.reload_content().await?;
            list_view(
                &app,
                &user,
                lang,
                &query,
                Some("staff-articles-imported"),
                None,
            )
            .await
        }
        Err(reason) => {
            let message = Page::new(&app, lang, "articles", "staff-articles")
                .text_with("staff-articles-invalid", &[("reason", &reason)]);
            list_view(&app, &user, lang, &query, None, Some(message)).await
        }
    }
}

/// The form's view of one language of an article.
fn draft_of(article: Option<&Article>, edit: Lang) -> Value {
    let text = article.and_then(|a| a.texts.get(&edit));
    json!({
        "status": text.map(|t| if t.status == TranslationStatus::Reviewed { "reviewed" } else { "machine" }).unwrap_or("machine"),
        "title": text.map(|t| t.title.clone()).unwrap_or_default(),
        "body": text.and_then(|t| t.body.clone()).unwrap_or_default(),
        "phrasings": text.map(|t| t.phrasings.join("\n")).unwrap_or_default(),
        "keywords": text.map(|t| t.keywords.join("\n")).unwrap_or_default(),
        "links": text.map(|t| t.links.iter().map(|l| format!("{} | {}", l.label, l.url)).collect::<Vec<_>>().join("\n")).unwrap_or_default(),
    })
}

struct EditView<'a> {
    topic: &'a str,
    article: Option<&'a Article>,
    edit: Lang,
    draft: Value,
    question: String,
    preview: Option<Value>,
    error: Option<String>,
    notice: Option<&'a str>,
}

fn render_edit(app: &App, user: &StaffUser, lang: Lang, view: EditView<'_>) -> Html<String> {
    let assistant = app.assistant();
    let languages: Vec<Value> = assistant
        .municipality
        .languages
        .iter()
        .map(|l| {
            json!({
                "code": l.code(),
                "current": *l == view.edit,
                "status": view.article.map(|a| status_word(a, *l)).unwrap_or("missing"),
            })
        })
        .collect();
    let mut page = Page::new(app, lang, "articles", "staff-articles").signed_in(user);
    if let Some(key) = view.notice {
        page = page.notice(key);
    }
    page.render(
        "article",
        json!({
            "id": view.topic,
            "new": view.article.is_none(),
            "edit": view.edit.code(),
            "dir": view.edit.dir(),
            "languages": languages,
            "draft": view.draft,
            "question": view.question,
            "preview": view.preview,
            "error": view.error,
        }),
    )
}

async fn edit_page(
    State(app): State<App>,
    Staff(user): Staff,
    Path(topic): Path<String>,
    Query(query): Query<ArticleQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = lang_of(&query, &headers);
    require(&user, Role::Editor, lang)?;
    let assistant = app.assistant();
    let edit = query
        .edit
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(lang);
    let article = TopicId::parse(&topic).and_then(|id| assistant.knowledge.article(&id).cloned());
    if article.is_none() && topic != "new" {
        return Err(StaffError::NotFound(lang));
    }
    let shown = if topic == "new" {
        String::new()
    } else {
        topic.clone()
    };
    let mut draft = draft_of(article.as_ref(), edit);
    if let Some(question) = query.question.as_deref().filter(|_| article.is_none()) {
        draft["phrasings"] = json!(question);
    }
    let view = EditView {
        topic: &shown,
        article: article.as_ref(),
        edit,
        draft,
        question: String::new(),
        preview: None,
        error: None,
        notice: None,
    };
    Ok(render_edit(&app, &user, lang, view))
}

#[derive(Debug, Deserialize)]
struct ArticleForm {
    csrf: String,
    #[serde(default)]
    id: Option<String>,
    status: String,
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    phrasings: String,
    #[serde(default)]
    keywords: String,
    #[serde(default)]
    links: String,
    #[serde(default)]
    question: String,
    action: String,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The article with the form's language replaced, or why it cannot be.
fn apply(
    form: &ArticleForm,
    base: Option<&Article>,
    topic: &TopicId,
    edit: Lang,
) -> Result<Article, String> {
    if form.title.trim().is_empty() {
        return Err("the title is empty".into());
    }
    let links = lines(&form.links)
        .into_iter()
        .map(|line| {
            let (label, url) = line
                .split_once('|')
                .ok_or_else(|| format!("the link {line:?} needs \"label | address\""))?;
            Ok(Link {
                label: label.trim().to_string(),
                url: url.trim().to_string(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut article = base.cloned().unwrap_or_else(|| Article {
        id: topic.clone(),
        area: "local".into(),
        related: Vec::new(),
        texts: BTreeMap::new(),
    });
    let aspects = article
        .texts
        .get(&edit)
        .map(|t| t.aspects.clone())
        .unwrap_or_default();
    article.texts.insert(
        edit,
        ArticleText {
            status: if form.status == "reviewed" {
                TranslationStatus::Reviewed
            } else {
                TranslationStatus::Machine
            },
            title: form.title.trim().to_string(),
            body: Some(form.body.trim().to_string()).filter(|b| !b.is_empty()),
            phrasings: lines(&form.phrasings),
            keywords: lines(&form.keywords),
            links,
            aspects,
        },
    );
    Ok(article)
}

/// Builds the assistant the draft would give: it also checks the draft's templates against
/// the municipality's facts.
async fn with_draft(app: &App, draft: Article) -> Result<Assistant, String> {
    let municipality = app.assistant().municipality.id.clone();
    let mut overrides = crate::revisions::latest(app.store(), &municipality)
        .await
        .map_err(|e| e.to_string())?;
    overrides.retain(|a| a.id != draft.id);
    overrides.push(draft);
    let content = app.content().clone();
    tokio::task::spawn_blocking(move || Assistant::load_with(&content, overrides))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
}

async fn save(
    State(app): State<App>,
    Staff(user): Staff,
    Path(topic): Path<String>,
    Query(query): Query<ArticleQuery>,
    headers: HeaderMap,
    Form(form): Form<ArticleForm>,
) -> Result<Html<String>, StaffError> {
    let lang = lang_of(&query, &headers);
    require(&user, Role::Editor, lang)?;
    check_csrf(&user, &form.csrf, lang)?;
    let edit = query
        .edit
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(lang);
    let assistant = app.assistant();
    let id_text = if topic == "new" {
        form.id.clone().unwrap_or_default()
    } else {
        topic.clone()
    };
    let topic_id = TopicId::parse(id_text.trim()).ok_or(StaffError::NotFound(lang))?;
    let base = assistant.knowledge.article(&topic_id).cloned();
    if topic == "new" && base.is_some() {
        return Err(StaffError::NotFound(lang));
    }
    let page_text = |key: &str, reason: &str| {
        Page::new(&app, lang, "articles", "staff-articles").text_with(key, &[("reason", reason)])
    };
    let result = match apply(&form, base.as_ref(), &topic_id, edit) {
        Ok(draft) => with_draft(&app, draft.clone())
            .await
            .map(|draft_assistant| (draft, draft_assistant)),
        Err(reason) => Err(reason),
    };
    let (draft, draft_assistant) = match result {
        Ok(ok) => ok,
        Err(reason) => {
            let view = EditView {
                topic: topic_id.as_str(),
                article: base.as_ref(),
                edit,
                draft: json!({ "status": form.status, "title": form.title, "body": form.body, "phrasings": form.phrasings, "keywords": form.keywords, "links": form.links }),
                question: form.question.clone(),
                preview: None,
                error: Some(page_text("staff-articles-invalid", &reason)),
                notice: None,
            };
            return Ok(render_edit(&app, &user, lang, view));
        }
    };
    let question = if form.question.trim().is_empty() {
        draft
            .texts
            .get(&edit)
            .and_then(|t| t.phrasings.first().cloned())
            .unwrap_or_default()
    } else {
        form.question.clone()
    };
    let preview = (!question.trim().is_empty()).then(|| {
        let reply = draft_assistant.respond(
            &Turn {
                text: question.clone(),
                ..Turn::default()
            },
            &Context::default(),
        );
        json!({
            "text": reply.text,
            "decision": reply.decision.as_str(),
            "topic": reply.topic.map(|t| t.to_string()).unwrap_or_default(),
            "language": reply.language.code(),
            "dir": reply.language.dir(),
        })
    });
    let mut notice = None;
    if form.action == "publish" {
        let municipality = assistant.municipality.id.clone();
        let revision = crate::revisions::save(
            app.store(),
            &municipality,
            &draft,
            Some(user.id),
            &format!("edit of [{edit}]"),
        )
        .await?;
        audit::record(
            app.store(),
            &municipality,
            Some(user.id),
            "article.publish",
            topic_id.as_str(),
            &format!("revision {revision}, [{edit}]"),
        )
        .await?;
        // The draft assistant was built before the save; rebuild from the store so that a
        // save landing in between is not undone.
        app.reload_content().await?;
        notice = Some("staff-articles-published");
    }
    let view = EditView {
        topic: topic_id.as_str(),
        article: Some(&draft),
        edit,
        draft: draft_of(Some(&draft), edit),
        question,
        preview,
        error: None,
        notice,
    };
    Ok(render_edit(&app, &user, lang, view))
}

async fn history(
    State(app): State<App>,
    Staff(user): Staff,
    Path(topic): Path<String>,
    Query(query): Query<ArticleQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = lang_of(&query, &headers);
    require(&user, Role::Editor, lang)?;
    let topic = TopicId::parse(&topic).ok_or(StaffError::NotFound(lang))?;
    let municipality = app.assistant().municipality.id.clone();
    let revisions = crate::revisions::history(app.store(), &municipality, &topic).await?;
    let shipped = app.shipped_article(&topic);
    let shown: Vec<Value> = revisions
        .iter()
        .enumerate()
        .map(|(i, revision)| {
            let previous = revisions.get(i + 1).map(|r| &r.article).or(shipped.as_ref());
            let before = previous.map(export_text).unwrap_or_default();
            let after = export_text(&revision.article);
            json!({
                "id": revision.id,
                "note": revision.note,
                "when": chrono::DateTime::from_timestamp_millis(revision.created_at).map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default(),
                "diff": diff_lines(&before, &after),
            })
        })
        .collect();
    Ok(Page::new(&app, lang, "articles", "staff-articles-history")
        .signed_in(&user)
        .render(
            "history",
            json!({ "id": topic.as_str(), "revisions": shown }),
        ))
}

async fn restore(
    State(app): State<App>,
    Staff(user): Staff,
    Path((topic, revision)): Path<(String, i64)>,
    Query(query): Query<ArticleQuery>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Html<String>, StaffError> {
    let lang = lang_of(&query, &headers);
    require(&user, Role::Editor, lang)?;
    check_csrf(&user, &form.csrf, lang)?;
    let topic = TopicId::parse(&topic).ok_or(StaffError::NotFound(lang))?;
    let municipality = app.assistant().municipality.id.clone();
    let old = crate::revisions::history(app.store(), &municipality, &topic)
        .await?
        .into_iter()
        .find(|r| r.id == revision)
        .ok_or(StaffError::NotFound(lang))?;
    let saved = crate::revisions::save(
        app.store(),
        &municipality,
        &old.article,
        Some(user.id),
        &format!("restore of #{revision}"),
    )
    .await?;
    audit::record(
        app.store(),
        &municipality,
        Some(user.id),
        "article.restore",
        topic.as_str(),
        &format!("revision {saved} restores {revision}"),
    )
    .await?;
    app.reload_content().await?;
    let view = EditView {
        topic: topic.as_str(),
        article: Some(&old.article),
        edit: lang,
        draft: draft_of(Some(&old.article), lang),
        question: String::new(),
        preview: None,
        error: None,
        notice: Some("staff-articles-restored"),
    };
    Ok(render_edit(&app, &user, lang, view))
}

async fn export(
    State(app): State<App>,
    Staff(user): Staff,
    Path(topic): Path<String>,
    headers: HeaderMap,
) -> Result<Response, StaffError> {
    let lang = page_lang(&super::LangQuery::default(), &headers);
    require(&user, Role::Editor, lang)?;
    let topic = TopicId::parse(&topic).ok_or(StaffError::NotFound(lang))?;
    let article = app
        .assistant()
        .knowledge
        .article(&topic)
        .cloned()
        .ok_or(StaffError::NotFound(lang))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{topic}.toml\""),
            ),
        ],
        export_text(&article),
    )
        .into_response())
}

/// An article in the `knowledge/` file format (parsed back by `Article::parse`).
pub fn export_text(article: &Article) -> String {
    let mut table = toml::Table::new();
    table.insert("id".into(), toml::Value::String(article.id.to_string()));
    table.insert("area".into(), toml::Value::String(article.area.clone()));
    table.insert(
        "related".into(),
        toml::Value::Array(
            article
                .related
                .iter()
                .map(|r| toml::Value::String(r.to_string()))
                .collect(),
        ),
    );
    for (lang, text) in &article.texts {
        if let Ok(value) = toml::Value::try_from(text) {
            table.insert(lang.code().into(), value);
        }
    }
    toml::to_string(&table).unwrap_or_default()
}

/// A line diff (longest common subsequence), for revisions of articles of a few dozen lines.
pub fn diff_lines(before: &str, after: &str) -> Vec<Value> {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    let line =
        |kind: &str, sign: &str, text: &str| json!({ "kind": kind, "sign": sign, "line": text });
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(line("added", "+", b[j]));
            j += 1;
        } else {
            out.push(line("removed", "-", a[i]));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_shows_what_changed() {
        let diff = diff_lines("a\nb\nc", "a\nB\nc\nd");
        let signs: Vec<String> = diff
            .iter()
            .map(|d| {
                format!(
                    "{}{}",
                    d["sign"].as_str().unwrap_or(""),
                    d["line"].as_str().unwrap_or("")
                )
            })
            .collect();
        assert_eq!(signs, ["+B", "-b", "+d"]);
    }

    #[test]
    fn export_reads_back_as_the_same_article() {
        let content = crate::content::Content::embedded();
        let file = content
            .knowledge
            .iter()
            .find(|f| f.path.ends_with("library.toml"))
            .expect("library");
        let article = Article::parse(&file.path, &file.text).expect("parses");
        let again = Article::parse("knowledge/library.toml", &export_text(&article))
            .expect("the export parses");
        assert_eq!(again, article);
    }
}
