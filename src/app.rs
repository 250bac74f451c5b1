//! The one application value shared by every handler, and `run`, which serves it.

use std::sync::{Arc, RwLock};

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::channels::telegram::Telegram;
use crate::channels::web;
use crate::chat::Assistant;
use crate::config::Settings;
use crate::content::Content;
use crate::store::Store;

/// Shared state, cloned cheaply into every handler.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    /// The database: conversations, messages, decisions, the review queue.
    store: Store,
    /// Wakes the live streams of a conversation when a message was stored for it on this
    /// instance; streams also poll the store, so messages stored elsewhere arrive too.
    conversation_events: tokio::sync::broadcast::Sender<crate::conversation::ConversationId>,
    /// The loaded content and its index; replaced whole when content changes, so a turn
    /// always sees one consistent version.
    assistant: RwLock<Arc<Assistant>>,
    /// The shipped (or directory) content, to rebuild the assistant with staff edits.
    content: Content,
    /// Residents of Mina sidor: the key secret of their personnummer hashes, the e-ID
    /// broker, demo mode.
    residents: crate::residents::Residents,
    /// The Telegram bot's @username once the bot has connected, for "Connect Telegram".
    telegram_username: std::sync::OnceLock<String>,
}

impl App {
    pub fn new(
        store: Store,
        assistant: Assistant,
        content: Content,
        residents: crate::residents::Residents,
    ) -> App {
        App {
            inner: Arc::new(Inner {
                store,
                conversation_events: tokio::sync::broadcast::channel(1024).0,
                assistant: RwLock::new(Arc::new(assistant)),
                content,
                residents,
                telegram_username: std::sync::OnceLock::new(),
            }),
        }
    }

    /// Residents: key secret, e-ID broker, demo mode.
    pub fn residents(&self) -> &crate::residents::Residents {
        &self.inner.residents
    }

    /// The bot's @username, when a Telegram bot runs.
    pub fn telegram_username(&self) -> Option<&str> {
        self.inner.telegram_username.get().map(String::as_str)
    }

    pub fn set_telegram_username(&self, username: &str) {
        let _ = self.inner.telegram_username.set(username.to_string());
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The shipped (or directory) content the assistant is built from.
    pub fn content(&self) -> &Content {
        &self.inner.content
    }

    /// The article as shipped, before staff edits (for diffs).
    pub fn shipped_article(
        &self,
        topic: &crate::knowledge::TopicId,
    ) -> Option<crate::knowledge::Article> {
        self.inner
            .content
            .knowledge
            .iter()
            .filter_map(|file| crate::knowledge::Article::parse(&file.path, &file.text).ok())
            .find(|article| &article.id == topic)
    }

    /// Tells this instance's live streams that `conversation` has a new message.
    pub fn notify(&self, conversation: crate::conversation::ConversationId) {
        // No receiver is not an error: nobody is watching that conversation here.
        let _ = self.inner.conversation_events.send(conversation);
    }

    /// Listens for new messages on this instance.
    pub fn subscribe(
        &self,
    ) -> tokio::sync::broadcast::Receiver<crate::conversation::ConversationId> {
        self.inner.conversation_events.subscribe()
    }

    /// The current content version.
    pub fn assistant(&self) -> Arc<Assistant> {
        // A poisoned lock only means a writer panicked mid-swap of an Arc, which cannot
        // leave the value half-written; keep serving it.
        self.inner
            .assistant
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Rebuilds the assistant from the content and the newest staff edits, and swaps it in:
    /// a published edit is answered from the next turn on, without a restart.
    pub async fn reload_content(&self) -> anyhow::Result<()> {
        let municipality = self.assistant().municipality.id.clone();
        let overrides = crate::revisions::latest(self.store(), &municipality)
            .await
            .context("reading staff edits")?;
        let content = self.inner.content.clone();
        let assistant =
            tokio::task::spawn_blocking(move || Assistant::load_with(&content, overrides))
                .await
                .context("rebuilding the knowledge index")??;
        self.replace_assistant(assistant);
        Ok(())
    }

    /// Swaps in a new content version.
    pub fn replace_assistant(&self, assistant: Assistant) {
        *self
            .inner
            .assistant
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(assistant);
    }
}

/// Loads content, opens the store, starts the configured channels and serves HTTP on
/// `listener` until `shutdown` resolves; then stops the channels, letting the Telegram sender
/// finish its round.
pub async fn run(
    settings: Settings,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let content = match &settings.content_dir {
        Some(dir) => Content::from_dir(dir).context("reading the content directory")?,
        None => Content::embedded(),
    };
    let store = Store::open(&settings.database_url())
        .await
        .context("opening the database")?;
    let shipped = content.clone();
    let assistant = tokio::task::spawn_blocking(move || Assistant::load(&shipped))
        .await
        .context("loading content")?
        .context("loading content")?;
    store
        .ensure_municipality(&assistant.municipality.id, &assistant.municipality.name)
        .await
        .context("recording the municipality")?;
    crate::cases::vocabulary::check().map_err(anyhow::Error::msg)?;
    let keyring = crate::residents::Keyring::load(
        settings.residents.key_secret.as_deref(),
        &settings.data_dir,
    )
    .context("the resident key secret")?;
    if settings.demo {
        let added = crate::volunteering::demo::seed(&store, &assistant.municipality.id)
            .await
            .context("loading the demo volunteer needs")?;
        if added > 0 {
            tracing::info!(needs = added, "demo mode: loaded example volunteer needs");
        }
        crate::mina_sidor::demo::seed(&store, &assistant.municipality.id, &keyring)
            .await
            .context("loading the demo residents' cases")?;
    }
    let oidc = match &settings.residents.oidc {
        Some(oidc) => Some(
            crate::residents::oidc::Client::new(oidc.clone())
                .context("setting up the e-ID sign-in")?,
        ),
        None => None,
    };
    let residents = crate::residents::Residents {
        keyring,
        oidc,
        demo: settings.demo,
    };
    let app = App::new(store, assistant, content, residents);
    // Staff edits saved before this start override the shipped articles.
    app.reload_content().await.context("applying staff edits")?;

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut extra_routes = axum::Router::new();
    let mut tasks = Vec::new();
    if let Some(telegram_settings) = &settings.telegram {
        let telegram = Telegram::connect(telegram_settings)
            .await
            .context("starting the Telegram bot")?;
        app.set_telegram_username(telegram.username());
        tasks = telegram.spawn(&app, stopped.clone());
        extra_routes = extra_routes.merge(telegram.router());
    }
    let shutdown = async move {
        shutdown.await;
        let _ = stop.send(true);
    };
    axum::serve(listener, web::router(app, extra_routes))
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP")?;
    for task in tasks {
        let _ = task.await;
    }
    Ok(())
}
