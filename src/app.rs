//! The one application value shared by every handler, and `run`, which serves it.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::channels::telegram::Telegram;
use crate::channels::web;
use crate::chat::Assistant;
use crate::config::{Safeguards, Settings};
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
    /// The municipality of the deployment's own content, served when no tenant is named.
    default_tenant: String,
    /// Every municipality served, with its content and routes.
    tenants: RwLock<Registry>,
    /// Limits, proxies, TLS and retention as this instance runs with them: the default
    /// municipality file's, overridden by the operator's flags and environment; fixed at start.
    safeguards: Safeguards,
    /// This instance's rate limits and what they have counted (in memory, per instance).
    limiters: Arc<crate::limits::Limiters>,
    /// Residents of Mina sidor: the key secret of their personnummer hashes, demo mode.
    residents: crate::residents::Residents,
    /// Each municipality's Telegram bot @username once it has connected, for "Connect
    /// Telegram" (a resident is sent to their own municipality's bot).
    telegram_usernames: RwLock<HashMap<String, String>>,
    /// Held while content is rebuilt: a rebuild that read the staff edits earlier must not
    /// swap in after one that read them later (a staff save and another instance's
    /// announcement of an earlier save arrive together on PostgreSQL).
    reloading: tokio::sync::Mutex<()>,
}

/// The municipalities this instance serves.
#[derive(Default)]
struct Registry {
    by_id: HashMap<String, Tenant>,
    by_host: HashMap<String, String>,
    by_key: HashMap<String, String>,
}

/// One municipality as served.
struct Tenant {
    /// Its loaded content and index; replaced whole when content changes, so a turn always
    /// sees one consistent version.
    assistant: Arc<Assistant>,
    /// The shared content with its own municipality file, to rebuild with staff edits.
    content: Arc<Content>,
    /// Its security headers (its web origins may frame the widget's page), built once.
    headers: Arc<crate::channels::web::headers::SecurityHeaders>,
    /// Its own e-ID broker for Mina sidor, with that broker's keys once read; `None`: no
    /// e-ID sign-in. Kept across content reloads, replaced with its configuration.
    e_id: Option<Arc<crate::residents::oidc::Client>>,
}

impl Tenant {
    fn new(
        assistant: Assistant,
        content: Content,
        behind_tls: bool,
        e_id: Option<crate::residents::oidc::Client>,
    ) -> Tenant {
        let headers = crate::channels::web::headers::SecurityHeaders::new(
            &assistant.municipality.allowed_origins,
            behind_tls,
        );
        Tenant {
            assistant: Arc::new(assistant),
            content: Arc::new(content),
            headers: Arc::new(headers),
            e_id: e_id.map(Arc::new),
        }
    }
}

tokio::task_local! {
    /// The municipality a request (or a background task) works for; set by the web layer
    /// from the host name or widget key, so every handler's `app.assistant()` is its own.
    static CURRENT_TENANT: String;
}

/// Runs `work` for the municipality `id`: every `App` call inside it sees that tenant.
pub async fn in_tenant<F: std::future::Future>(id: String, work: F) -> F::Output {
    CURRENT_TENANT.scope(id, work).await
}

impl App {
    pub fn new(
        store: Store,
        assistant: Assistant,
        content: Content,
        safeguards: Safeguards,
        residents: crate::residents::Residents,
        e_id: Option<crate::residents::oidc::Client>,
    ) -> App {
        let default_tenant = assistant.municipality.id.clone();
        let mut registry = Registry::default();
        registry.by_id.insert(
            default_tenant.clone(),
            Tenant::new(assistant, content, safeguards.behind_tls, e_id),
        );
        App {
            inner: Arc::new(Inner {
                store,
                conversation_events: tokio::sync::broadcast::channel(1024).0,
                default_tenant,
                tenants: RwLock::new(registry),
                limiters: Arc::new(crate::limits::Limiters::new(&safeguards.limits)),
                safeguards,
                residents,
                telegram_usernames: RwLock::new(HashMap::new()),
                reloading: tokio::sync::Mutex::new(()),
            }),
        }
    }

    /// Limits, proxies, TLS and retention as this instance runs with them.
    pub fn safeguards(&self) -> &Safeguards {
        &self.inner.safeguards
    }

    /// This instance's rate limits.
    pub fn limiters(&self) -> &Arc<crate::limits::Limiters> {
        &self.inner.limiters
    }

    /// Residents: key secret, demo mode.
    pub fn residents(&self) -> &crate::residents::Residents {
        &self.inner.residents
    }

    /// `read` of the current tenant, or of the default one when the current is not (or no
    /// longer) served here.
    fn current<T>(&self, read: impl FnOnce(&Tenant) -> T) -> T {
        let id = self.current_tenant();
        let registry = self.registry();
        match registry.by_id.get(&id) {
            Some(tenant) => read(tenant),
            None => read(&registry.by_id[&self.inner.default_tenant]),
        }
    }

    /// The current tenant's e-ID broker; `None` when it offers no e-ID sign-in.
    pub fn e_id(&self) -> Option<Arc<crate::residents::oidc::Client>> {
        self.current(|tenant| tenant.e_id.clone())
    }

    /// The current municipality's bot @username, when its Telegram bot runs.
    pub fn telegram_username(&self) -> Option<String> {
        let usernames = self
            .inner
            .telegram_usernames
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        usernames.get(&self.current_tenant()).cloned()
    }

    /// Records municipality `id`'s bot once it has connected.
    pub fn set_telegram_username(&self, id: &str, username: &str) {
        self.inner
            .telegram_usernames
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(id.to_string(), username.to_string());
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    fn registry(&self) -> std::sync::RwLockReadGuard<'_, Registry> {
        // A poisoned lock only means a writer panicked mid-swap of an Arc, which cannot
        // leave the value half-written; keep serving it.
        self.inner
            .tenants
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn registry_mut(&self) -> std::sync::RwLockWriteGuard<'_, Registry> {
        self.inner
            .tenants
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The municipality of the deployment's own content.
    pub fn default_tenant(&self) -> String {
        self.inner.default_tenant.clone()
    }

    /// The municipality the current request or task works for.
    pub fn current_tenant(&self) -> String {
        CURRENT_TENANT
            .try_with(|id| id.clone())
            .ok()
            .filter(|id| self.registry().by_id.contains_key(id))
            .unwrap_or_else(|| self.inner.default_tenant.clone())
    }

    /// The tenant a request is for: by its host name, else by the widget key it sends, else
    /// the default.
    pub fn tenant_for(&self, host: Option<&str>, widget_key: Option<&str>) -> String {
        let registry = self.registry();
        host.map(crate::tenants::normalise_host)
            .and_then(|host| registry.by_host.get(&host))
            .or_else(|| widget_key.and_then(|key| registry.by_key.get(key)))
            .cloned()
            .unwrap_or_else(|| self.inner.default_tenant.clone())
    }

    /// Serves `assistant` (built from `content`) as a tenant on `hosts` and `widget_key`,
    /// with the e-ID broker of its own configuration.
    pub fn add_tenant(
        &self,
        assistant: Assistant,
        content: Content,
        hosts: &[String],
        widget_key: Option<&str>,
    ) {
        let id = assistant.municipality.id.clone();
        // One municipality's unusable e-ID settings (a secret not readable on this host)
        // must not stop the others from being served: it goes without e-ID sign-in, which
        // its Mina sidor says, the log says why, and `config check` names the problem.
        let e_id = e_id_client(&assistant.municipality, None).unwrap_or_else(|error| {
            tracing::error!(municipality = %id, error = %format!("{error:#}"), "e-ID sign-in is off: its settings cannot be used");
            None
        });
        let mut registry = self.registry_mut();
        registry.by_host.retain(|_, tenant| *tenant != id);
        registry.by_key.retain(|_, tenant| *tenant != id);
        for host in hosts {
            registry.by_host.insert(host.clone(), id.clone());
        }
        if let Some(key) = widget_key {
            registry.by_key.insert(key.to_string(), id.clone());
        }
        let tenant = Tenant::new(assistant, content, self.inner.safeguards.behind_tls, e_id);
        registry.by_id.insert(id, tenant);
    }

    /// The ids of every municipality served.
    pub fn tenant_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.registry().by_id.keys().cloned().collect();
        ids.sort();
        ids
    }

    /// The current tenant's content (the shared library with its municipality file).
    pub fn content(&self) -> Arc<Content> {
        self.current(|tenant| tenant.content.clone())
    }

    /// The article as shipped, before staff edits (for diffs).
    pub fn shipped_article(
        &self,
        topic: &crate::knowledge::TopicId,
    ) -> Option<crate::knowledge::Article> {
        self.content()
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

    /// The current tenant's security headers.
    pub fn security_headers(&self) -> Arc<crate::channels::web::headers::SecurityHeaders> {
        self.current(|tenant| tenant.headers.clone())
    }

    /// The current tenant's content version.
    pub fn assistant(&self) -> Arc<Assistant> {
        self.current(|tenant| tenant.assistant.clone())
    }

    /// Rebuilds the current tenant's assistant from its content and the newest staff edits,
    /// and swaps it in: a published edit is answered from the next turn on, without a
    /// restart.
    pub async fn reload_content(&self) -> anyhow::Result<()> {
        let _one_at_a_time = self.inner.reloading.lock().await;
        let municipality = self.current_tenant();
        let overrides = crate::revisions::latest(self.store(), &municipality)
            .await
            .context("reading staff edits")?;
        let content = self.content();
        let assistant =
            tokio::task::spawn_blocking(move || Assistant::load_with(&content, overrides))
                .await
                .context("rebuilding the knowledge index")??;
        self.replace_assistant(assistant);
        Ok(())
    }

    /// Reloads after a change announced for `municipality_id` (empty: unknown, reload all).
    /// A municipality this instance does not serve yet is a tenant added elsewhere: it is
    /// loaded from the database.
    pub async fn reload_municipality(&self, municipality_id: &str) -> anyhow::Result<()> {
        if municipality_id.is_empty() {
            for id in self.tenant_ids() {
                in_tenant(id, self.reload_content()).await?;
            }
            return Ok(());
        }
        if !self.registry().by_id.contains_key(municipality_id) {
            return self.load_tenants().await;
        }
        in_tenant(municipality_id.to_string(), self.reload_content()).await
    }

    /// Loads every tenant stored in the database that has its own configuration.
    pub async fn load_tenants(&self) -> anyhow::Result<()> {
        let shared = self
            .registry()
            .by_id
            .get(&self.inner.default_tenant)
            .map(|tenant| tenant.content.clone())
            .context("the default tenant is missing")?;
        for record in crate::tenants::list(self.store())
            .await
            .context("reading the tenants")?
        {
            let Some(config) = &record.config else {
                continue;
            };
            let content = crate::tenants::content_for(&shared, &record.id, config);
            let overrides = crate::revisions::latest(self.store(), &record.id)
                .await
                .context("reading staff edits")?;
            let load = content.clone();
            let assistant =
                tokio::task::spawn_blocking(move || Assistant::load_with(&load, overrides))
                    .await
                    .context("building a tenant's index")?
                    .with_context(|| format!("loading tenant {}", record.id))?;
            self.add_tenant(
                assistant,
                content,
                &record.hosts,
                record.widget_key.as_deref(),
            );
        }
        Ok(())
    }

    /// Swaps in a new content version of the municipality it was built for. Only
    /// `reload_content` calls it, under its lock, so versions swap in the order they read
    /// the store.
    fn replace_assistant(&self, assistant: Assistant) {
        crate::metrics::record_index_reload();
        let id = assistant.municipality.id.clone();
        let mut registry = self.registry_mut();
        if let Some(tenant) = registry.by_id.get_mut(&id) {
            tenant.assistant = Arc::new(assistant);
        }
    }
}

/// The e-ID client of `municipality` (see `residents::e_id_settings`); `flags` are the
/// operator's, for the default municipality only.
fn e_id_client(
    municipality: &crate::config::Municipality,
    flags: Option<&crate::residents::oidc::OidcSettings>,
) -> anyhow::Result<Option<crate::residents::oidc::Client>> {
    crate::residents::e_id_settings(municipality, flags)
        .map_err(anyhow::Error::msg)?
        .map(crate::residents::oidc::Client::new)
        .transpose()
}

/// Loads content, opens the store, starts the configured channels and serves HTTP on
/// `listener` until `shutdown` resolves; then stops the channels, letting the Telegram sender
/// finish its round.
pub async fn run(
    settings: Settings,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let content = Content::configured(settings.content_dir.as_deref())
        .context("reading the content directory")?;
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
    let e_id = e_id_client(&assistant.municipality, settings.residents.oidc.as_ref())
        .context("setting up the e-ID sign-in")?;
    let residents = crate::residents::Residents {
        keyring,
        demo: settings.demo,
    };
    let safeguards = assistant
        .municipality
        .safeguards
        .overridden_by(&settings.overrides);
    let app = App::new(store, assistant, content, safeguards, residents, e_id);
    app.load_tenants().await.context("loading the tenants")?;
    // Staff edits saved before this start override the shared articles (the tenants'
    // were applied as they loaded).
    app.reload_content().await.context("applying staff edits")?;
    if settings.demo {
        for id in app.tenant_ids() {
            let added = crate::volunteering::demo::seed(app.store(), &id)
                .await
                .context("loading the demo volunteer needs")?;
            if added > 0 {
                tracing::info!(needs = added, municipality = %id, "demo mode: loaded example volunteer needs");
            }
        }
        crate::mina_sidor::demo::seed(app.store(), &app.default_tenant(), &app.residents().keyring)
            .await
            .context("loading the demo residents' cases")?;
    }

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut extra_routes = axum::Router::new();
    let mut tasks = vec![
        tokio::spawn(crate::content_sync::listen(app.clone(), stopped.clone())),
        tokio::spawn(crate::retention::run_periodically(
            app.clone(),
            stopped.clone(),
        )),
        tokio::spawn(crate::limits::forget_idle_until(
            app.limiters().clone(),
            stopped.clone(),
        )),
    ];
    let mut bots = HashMap::new();
    for id in app.tenant_ids() {
        let assistant = in_tenant(id.clone(), async { app.assistant() }).await;
        // The default municipality's bot comes from the command line, a tenant's from its
        // own configuration.
        let bot_settings = if id == app.inner.default_tenant {
            settings.telegram.clone()
        } else {
            match &assistant.municipality.telegram {
                Some(bot) => Some(
                    bot.settings()
                        .map_err(|e| anyhow::anyhow!("municipality {id}: {e}"))?,
                ),
                None => None,
            }
        };
        let Some(bot_settings) = bot_settings else {
            continue;
        };
        let telegram = Telegram::connect(&bot_settings)
            .await
            .with_context(|| format!("starting the Telegram bot of {id}"))?;
        app.set_telegram_username(&id, telegram.username());
        tasks.extend(telegram.spawn(&app, &id, stopped.clone()));
        bots.insert(id, telegram);
    }
    if !bots.is_empty() {
        extra_routes = extra_routes.merge(crate::channels::telegram::router(bots));
    }
    let shutdown = async move {
        shutdown.await;
        let _ = stop.send(true);
    };
    // The peer address is the client for the per-address limit (unless a trusted proxy
    // names another).
    let service = web::router(app, extra_routes)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP")?;
    for task in tasks {
        let _ = task.await;
    }
    Ok(())
}
