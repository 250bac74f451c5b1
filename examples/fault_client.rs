//! The client of `scripts/fault-test`: sends chat messages with unique client message ids
//! and retries each one, with the same id, until it is answered — through a server that is
//! killed and restarted under it — then checks in the database that every message was
//! stored exactly once with exactly one reply.
//!
//! ```text
//! fault_client send URL MESSAGES [CONNECTIONS] [PER_CONVERSATION]
//! fault_client count DATABASE_URL
//! fault_client verify DATABASE_URL MESSAGES
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sqlx::Row;

const QUESTIONS: [&str; 6] = [
    "när töms soporna?",
    "how do I apply for preschool",
    "كيف أسجل طفلي في الروضة؟",
    "vad kostar fritids?",
    "where is the recycling centre",
    "qwxz plorf zzyzx",
];
/// How long one message may keep failing before the run is given up.
const GIVE_UP_AFTER: Duration = Duration::from_secs(180);

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |index: usize, default: u64| -> u64 {
        args.get(index)
            .and_then(|value| value.parse().ok())
            .unwrap_or(default)
    };
    match args.first().map(String::as_str) {
        Some("send") if args.len() >= 3 => {
            send(&args[1], number(2, 10_000), number(3, 16), number(4, 5)).await
        }
        Some("count") if args.len() == 2 => {
            let pool = open(&args[1]).await?;
            let row = sqlx::query(
                "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND client_message_id LIKE 'fault-%'",
            )
            .fetch_one(&pool)
            .await?;
            println!("{}", row.get::<i64, _>(0));
            Ok(())
        }
        Some("verify") if args.len() == 3 => verify(&args[1], number(2, 10_000)).await,
        _ => Err("usage: fault_client send URL MESSAGES [CONNECTIONS] [PER_CONVERSATION] | count DATABASE_URL | verify DATABASE_URL MESSAGES".into()),
    }
}

/// Sends `messages` messages over `connections` workers, `per_conversation` to a conversation.
async fn send(
    url: &str,
    messages: u64,
    connections: u64,
    per_conversation: u64,
) -> Result<(), Box<dyn std::error::Error>> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()?;
    let conversations = messages.div_ceil(per_conversation);
    let next_conversation = Arc::new(AtomicU64::new(0));
    let retries = Arc::new(AtomicU64::new(0));
    let answered = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..connections {
        let (client, url) = (client.clone(), format!("{url}/api/v1/chat"));
        let (next_conversation, retries, answered) =
            (next_conversation.clone(), retries.clone(), answered.clone());
        workers.push(tokio::spawn(async move {
            loop {
                let conversation = next_conversation.fetch_add(1, Ordering::Relaxed);
                if conversation >= conversations {
                    return Ok::<(), String>(());
                }
                let mut conversation_id: Option<String> = None;
                let first = conversation * per_conversation;
                for number in first..(first + per_conversation).min(messages) {
                    let mut body = json!({
                        "text": QUESTIONS[(number % QUESTIONS.len() as u64) as usize],
                        "client_message_id": format!("fault-{number}"),
                    });
                    if let Some(id) = &conversation_id {
                        body["conversation_id"] = json!(id);
                    }
                    let reply = deliver(&client, &url, &body, &retries).await?;
                    conversation_id = reply["conversation_id"].as_str().map(str::to_string);
                    let done = answered.fetch_add(1, Ordering::Relaxed) + 1;
                    if done % 1_000 == 0 {
                        eprintln!(
                            "{done} answered, {} retries",
                            retries.load(Ordering::Relaxed)
                        );
                    }
                }
            }
        }));
    }
    for worker in workers {
        worker.await??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "sent {messages} messages in {elapsed:.1} s ({:.0}/s), {} retries",
        messages as f64 / elapsed,
        retries.load(Ordering::Relaxed)
    );
    Ok(())
}

/// Posts `body` until it is answered with 200: a refused connection, a cut response or a
/// server error is retried with the same client message id, after a short pause.
async fn deliver(
    client: &reqwest::Client,
    url: &str,
    body: &Value,
    retries: &AtomicU64,
) -> Result<Value, String> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(50);
    loop {
        let outcome = match client.post(url).json(body).send().await {
            Ok(response) if response.status().is_success() => {
                match response.json::<Value>().await {
                    Ok(reply) => return Ok(reply),
                    Err(error) => error.to_string(),
                }
            }
            Ok(response) if response.status().is_client_error() && response.status() != 429 => {
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                return Err(format!("{status} for {body}: {text}"));
            }
            Ok(response) => response.status().to_string(),
            Err(error) => error.to_string(),
        };
        if started.elapsed() > GIVE_UP_AFTER {
            return Err(format!("gave up on {body}: {outcome}"));
        }
        retries.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(1));
    }
}

/// Every message `fault-0` … `fault-{messages-1}` is stored once, with exactly one reply and
/// its decision.
async fn verify(database_url: &str, messages: u64) -> Result<(), Box<dyn std::error::Error>> {
    let pool = open(database_url).await?;
    let scalar = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query(sql)
                .fetch_one(&pool)
                .await
                .map(|row| row.get::<i64, _>(0))
        }
    };
    let stored = scalar(
        "SELECT COUNT(DISTINCT client_message_id) FROM messages WHERE direction = 'in' AND client_message_id LIKE 'fault-%'",
    )
    .await?;
    let rows = scalar(
        "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND client_message_id LIKE 'fault-%'",
    )
    .await?;
    let without_reply = scalar(
        "SELECT COUNT(*) FROM messages i WHERE i.direction = 'in' AND i.client_message_id LIKE 'fault-%' \
         AND NOT EXISTS (SELECT 1 FROM messages o JOIN decisions d ON d.message_id = o.id WHERE o.reply_to = i.id)",
    )
    .await?;
    let replies = scalar(
        "SELECT COUNT(*) FROM messages o JOIN messages i ON o.reply_to = i.id \
         WHERE i.client_message_id LIKE 'fault-%'",
    )
    .await?;
    println!(
        "stored: {stored} distinct of {messages} sent ({rows} rows), replies: {replies}, without a reply: {without_reply}"
    );
    let expected = i64::try_from(messages)?;
    if stored == expected && rows == expected && replies == expected && without_reply == 0 {
        println!("ok: every message stored exactly once with exactly one reply");
        Ok(())
    } else {
        Err("the database does not hold every message exactly once with one reply".into())
    }
}

async fn open(database_url: &str) -> Result<sqlx::AnyPool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(database_url)
        .await
}
