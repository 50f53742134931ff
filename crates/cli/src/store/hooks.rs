//! `newsgraph webhook add|story|list|remove`: the webhooks `newsgraph serve` delivers.
//!
//! The store is opened read-only (webhooks are written through a connection of
//! their own), so these commands work while `serve` or `ingest` runs. A secret
//! is read from an environment variable or a file, never from the command line
//! (which other users can see), and is never printed: only its fingerprint.

use anyhow::{bail, Context};
use newsgraph_store::webhooks::{HookTarget, DEFAULT_MIN_ARTICLES, DEFAULT_WINDOW_HOURS};
use newsgraph_store::{EmbeddedStore, Webhooks};

use super::DataDir;

#[derive(clap::Args)]
pub struct WebhookArgs {
    #[command(flatten)]
    pub data: DataDir,
    #[command(subcommand)]
    pub command: WebhookCommand,
}

#[derive(clap::Subcommand)]
pub enum WebhookCommand {
    /// POST each new article the saved search NAME matches to URL.
    Add {
        name: String,
        url: String,
        #[command(flatten)]
        secret: SecretArgs,
    },
    /// POST each story that grows fast (MIN articles within HOURS) to URL.
    Story {
        url: String,
        #[arg(long, default_value_t = DEFAULT_MIN_ARTICLES)]
        min_articles: u32,
        #[arg(long, default_value_t = DEFAULT_WINDOW_HOURS)]
        hours: u32,
        #[command(flatten)]
        secret: SecretArgs,
    },
    /// The webhooks and their deliveries (secrets as fingerprints).
    List,
    /// Removes webhook ID and its delivery log.
    Remove { id: i64 },
}

#[derive(clap::Args)]
#[group(required = true, multiple = false)]
pub struct SecretArgs {
    /// The environment variable that holds the shared secret.
    #[arg(long)]
    secret_env: Option<String>,
    /// A file that holds the shared secret (one line; the line break is dropped).
    #[arg(long)]
    secret_file: Option<std::path::PathBuf>,
}

impl SecretArgs {
    fn read(&self) -> anyhow::Result<String> {
        let secret = match (&self.secret_env, &self.secret_file) {
            (Some(var), _) => std::env::var(var).with_context(|| format!("environment variable {var} is not set"))?,
            (None, Some(path)) => std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the secret from {}", path.display()))?
                .trim_end_matches(['\r', '\n'])
                .to_string(),
            (None, None) => bail!("give --secret-env VAR or --secret-file FILE"),
        };
        if secret.is_empty() {
            bail!("the webhook secret is empty");
        }
        Ok(secret)
    }
}

pub fn run_webhook(args: &WebhookArgs) -> anyhow::Result<bool> {
    let store = EmbeddedStore::open_read_only(&args.data.dir)
        .with_context(|| format!("cannot open the store in {}", args.data.dir.display()))?;
    let hooks = store.webhook_registry();
    match &args.command {
        WebhookCommand::Add { name, url, secret } => {
            add(&hooks, &HookTarget::SavedSearch { name: name.clone() }, url, &secret.read()?)
        }
        WebhookCommand::Story { url, min_articles, hours, secret } => add(
            &hooks,
            &HookTarget::StoryAlert { min_articles: *min_articles, window_hours: *hours },
            url,
            &secret.read()?,
        ),
        WebhookCommand::List => {
            for hook in hooks.list()? {
                let target = match &hook.target {
                    HookTarget::SavedSearch { name } => format!("saved search {name}"),
                    HookTarget::StoryAlert { min_articles, window_hours } => {
                        format!("stories with {min_articles} articles within {window_hours} h")
                    }
                };
                println!(
                    "{}\t{target}\t{}\tsecret {}\t{} delivered, {} pending, {} failed",
                    hook.id, hook.url, hook.secret_fingerprint, hook.delivered, hook.pending, hook.failed
                );
            }
            Ok(true)
        }
        WebhookCommand::Remove { id } => {
            if !hooks.remove(*id)? {
                bail!("no webhook {id}");
            }
            println!("removed webhook {id}");
            Ok(true)
        }
    }
}

fn add(hooks: &Webhooks, target: &HookTarget, url: &str, secret: &str) -> anyhow::Result<bool> {
    let id = hooks.add(target, url, secret)?;
    println!(
        "webhook {id} added (secret {}); `newsgraph serve` delivers to {url}",
        newsgraph_store::webhooks::fingerprint(secret)
    );
    Ok(true)
}
