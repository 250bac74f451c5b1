//! One turn through the chat core (detect + intents + search + decide + render), with the
//! shipped 33 articles and with 3,300 (each article cloned 100 times with words of its own,
//! so the vocabulary and postings grow as a real large knowledge base's would).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use civic_assistant::chat::{Assistant, Context, Turn};
use civic_assistant::config::Municipality;
use civic_assistant::content::Content;
use civic_assistant::intents::Intents;
use civic_assistant::knowledge::{Article, Knowledge, TopicId};
use civic_assistant::locale::Locales;

const QUESTIONS: [&str; 6] = [
    "när töms soporna?",
    "hur söker jag förskola",
    "my street light is broken",
    "vad kostar fritids",
    "كيف أسجل طفلي في الروضة؟",
    "vem vann matchen igår",
];

fn assistant(copies: usize) -> Assistant {
    let content = Content::embedded();
    let municipality = Municipality::parse(&content.municipality.path, &content.municipality.text)
        .expect("municipality");
    let shipped = Knowledge::load(&content.knowledge).expect("knowledge");
    let mut articles: Vec<Article> = Vec::new();
    for copy in 0..copies {
        for article in shipped.articles() {
            let mut article = article.clone();
            if copy > 0 {
                article.id = TopicId::parse(&format!("{}-{copy}", article.id)).expect("topic id");
                article.related.clear();
                for text in article.texts.values_mut() {
                    text.keywords
                        .push(format!("ord{copy}x{}", article.id.as_str().len()));
                    text.phrasings
                        .push(format!("fråga nummer {copy} om {}", text.title));
                }
            }
            articles.push(article);
        }
    }
    let knowledge = Knowledge::from_articles(articles).expect("index");
    let intents = Intents::load(&content.intents).expect("intents");
    let locales = Locales::load(&content.locales).expect("locales");
    Assistant::from_parts(municipality, knowledge, intents, locales).expect("assistant")
}

fn turn(c: &mut Criterion) {
    let mut group = c.benchmark_group("turn");
    for copies in [1, 100] {
        let assistant = assistant(copies);
        let articles = assistant.knowledge.articles().len();
        let turns: Vec<Turn> = QUESTIONS
            .iter()
            .map(|q| Turn {
                text: q.to_string(),
                ..Turn::default()
            })
            .collect();
        let context = Context::default();
        group.bench_with_input(
            BenchmarkId::new("articles", articles),
            &turns,
            |b, turns| {
                let mut next = 0;
                b.iter(|| {
                    let reply = assistant.respond(&turns[next % turns.len()], &context);
                    next += 1;
                    reply
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, turn);
criterion_main!(benches);
