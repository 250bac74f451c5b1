//! The search index over the articles: tantivy for retrieval (BM25 over the analysed terms of
//! every language), and a small vocabulary model for what tantivy cannot say — how much of the
//! question an article covers, and how close the question is to one of its phrasings.
//!
//! Those two figures, unlike BM25 scores, mean the same thing for every question and every
//! size of knowledge base, so the decision step can use fixed, calibrated thresholds.
//! Typos, missing diacritics and Swedish compounds are handled by resolving each question
//! term against the vocabulary: exactly, else by trigram similarity, else by containment.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{Index, IndexReader, ReloadPolicy, Term, doc};

use super::analysis::Analyzer;
use super::article::Article;
use crate::language::Lang;

/// How much an article's own words count, by where they stand in it.
const WEIGHT_STRONG: f32 = 1.0;
const WEIGHT_BODY: f32 = 0.35;
/// The share of coverage in the score; the rest is the closest phrasing. Calibrated on the
/// development questions (README, "Answer quality").
const COVERAGE_WEIGHT: f32 = 0.4;
/// How many articles tantivy hands to the scoring step.
const CANDIDATES: usize = 12;

type TermId = u32;

/// An article's scores for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Position of the article in the knowledge base.
    pub article: usize,
    /// The combined confidence in 0..=1 that the decision step compares with thresholds.
    pub score: f32,
    /// IDF-weighted share of the question's terms found in the article.
    pub coverage: f32,
    /// Similarity of the question to the article's closest phrasing.
    pub phrasing: f32,
    /// tantivy's BM25 score, for the record.
    pub bm25: f32,
}

/// The searchable form of a set of articles. Built once per content version.
pub struct KnowledgeIndex {
    analyzer: Analyzer,
    index: Index,
    reader: IndexReader,
    terms_field: Field,
    vocabulary: HashMap<String, TermId>,
    terms: Vec<String>,
    idf: Vec<f32>,
    unknown_idf: f32,
    trigrams: HashMap<String, Vec<TermId>>,
    articles: Vec<IndexedArticle>,
}

impl std::fmt::Debug for KnowledgeIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnowledgeIndex")
            .field("articles", &self.articles.len())
            .field("terms", &self.terms.len())
            .finish()
    }
}

struct IndexedArticle {
    weights: HashMap<TermId, f32>,
    /// Each phrasing's IDF mass: the sum of its terms' IDF (a repeated term counts each time).
    phrasing_mass: Vec<f32>,
    /// The phrasings (positions in `phrasing_mass`) each term occurs in. Every question is
    /// compared with every phrasing of each candidate article, so the comparison starts from
    /// the question's terms rather than scanning each phrasing for each of them.
    phrasings_with: HashMap<TermId, Vec<usize>>,
}

impl IndexedArticle {
    fn new(weights: HashMap<TermId, f32>, phrasings: Vec<Vec<TermId>>, idf: &[f32]) -> Self {
        let mut phrasings_with: HashMap<TermId, Vec<usize>> = HashMap::new();
        for (position, terms) in phrasings.iter().enumerate() {
            for id in terms {
                let with = phrasings_with.entry(*id).or_default();
                if with.last() != Some(&position) {
                    with.push(position);
                }
            }
        }
        let phrasing_mass = phrasings
            .iter()
            .map(|terms| terms.iter().map(|id| idf[*id as usize]).sum())
            .collect();
        IndexedArticle {
            weights,
            phrasing_mass,
            phrasings_with,
        }
    }
}

/// A question term resolved against the vocabulary.
#[derive(Debug)]
struct QueryTerm {
    idf: f32,
    matches: Vec<(TermId, f32)>,
}

impl KnowledgeIndex {
    /// Indexes `articles`; the position of each is its id in hits.
    pub fn build(articles: &[Article]) -> tantivy::Result<KnowledgeIndex> {
        let analyzer = Analyzer::default();
        let mut vocabulary: HashMap<String, TermId> = HashMap::new();
        let mut terms: Vec<String> = Vec::new();
        let mut intern = |term: String| -> TermId {
            let next = terms.len() as TermId;
            *vocabulary.entry(term.clone()).or_insert_with(|| {
                terms.push(term);
                next
            })
        };
        let mut indexed = Vec::with_capacity(articles.len());
        let mut documents = Vec::with_capacity(articles.len());
        for article in articles {
            let mut weights: HashMap<TermId, f32> = HashMap::new();
            let mut phrasings = Vec::new();
            let mut document: Vec<String> = Vec::new();
            for (lang, text) in &article.texts {
                let mut strong =
                    |source: &str, weights: &mut HashMap<TermId, f32>| -> Vec<TermId> {
                        let analysed = analyzer.terms(source, *lang);
                        document.extend(analysed.iter().cloned());
                        analysed
                            .into_iter()
                            .map(|term| {
                                let id = intern(term);
                                let weight = weights.entry(id).or_default();
                                *weight = weight.max(WEIGHT_STRONG);
                                id
                            })
                            .collect()
                    };
                strong(&text.title, &mut weights);
                for keyword in &text.keywords {
                    strong(keyword, &mut weights);
                }
                for phrasing in text.phrasings.iter().chain(std::iter::once(&text.title)) {
                    let ids = strong(phrasing, &mut weights);
                    if !ids.is_empty() {
                        phrasings.push(ids);
                    }
                }
                if let Some(body) = &text.body {
                    for term in analyzer.terms(body, *lang) {
                        document.push(term.clone());
                        let id = intern(term);
                        let weight = weights.entry(id).or_default();
                        *weight = weight.max(WEIGHT_BODY);
                    }
                }
            }
            documents.push(document.join(" "));
            indexed.push((weights, phrasings));
        }

        let article_count = articles.len().max(1) as f32;
        // A word in an article's body counts as a fraction of an occurrence: "avgift" in the
        // text of ten articles is still the defining word of the one that has it as a keyword.
        let mut document_frequency = vec![0f32; terms.len()];
        for (weights, _) in &indexed {
            for (id, weight) in weights {
                document_frequency[*id as usize] += weight;
            }
        }
        let idf_of = |df: f32| (1.0 + (article_count - df + 0.5) / (df + 0.5)).ln();
        let idf: Vec<f32> = document_frequency.iter().map(|df| idf_of(*df)).collect();
        let indexed = indexed
            .into_iter()
            .map(|(weights, phrasings)| IndexedArticle::new(weights, phrasings, &idf))
            .collect();
        let mut trigrams: HashMap<String, Vec<TermId>> = HashMap::new();
        for (id, term) in terms.iter().enumerate() {
            for trigram in trigrams_of(term) {
                trigrams.entry(trigram).or_default().push(id as TermId);
            }
        }
        for postings in trigrams.values_mut() {
            postings.dedup();
        }

        let mut schema = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer("terms")
            .set_index_option(IndexRecordOption::WithFreqs);
        let terms_field = schema.add_text_field(
            "terms",
            TextOptions::default().set_indexing_options(indexing),
        );
        let ordinal_field = schema.add_u64_field("ordinal", FAST);
        let index = Index::create_in_ram(schema.build());
        index
            .tokenizers()
            .register("terms", TextAnalyzer::from(WhitespaceTokenizer::default()));
        let mut writer =
            index.writer_with_num_threads::<tantivy::TantivyDocument>(1, 15_000_000)?;
        for (ordinal, document) in documents.into_iter().enumerate() {
            writer.add_document(doc!(terms_field => document, ordinal_field => ordinal as u64))?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;

        Ok(KnowledgeIndex {
            analyzer,
            index,
            reader,
            terms_field,
            vocabulary,
            terms,
            idf,
            // A word the knowledge base has never seen weighs like a rare one: a question about
            // something we have no article for must not look covered by its filler words.
            unknown_idf: idf_of(1.0) * 0.8,
            trigrams,
            articles: indexed,
        })
    }

    /// The articles that best answer `question` read as `lang`, best first.
    pub fn search(&self, question: &str, lang: Lang) -> Vec<Hit> {
        let query_terms = self.resolve(question, lang);
        if query_terms.iter().all(|term| term.matches.is_empty()) {
            return Vec::new();
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in &query_terms {
            for (id, similarity) in &term.matches {
                let tantivy_term =
                    Term::from_field_text(self.terms_field, &self.terms[*id as usize]);
                let query = TermQuery::new(tantivy_term, IndexRecordOption::WithFreqs);
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), *similarity)),
                ));
            }
        }
        let searcher = self.reader.searcher();
        let Ok(top) = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(CANDIDATES),
        ) else {
            return Vec::new();
        };
        let question_mass: f32 = query_terms.iter().map(|term| term.idf).sum();
        let mut hits: Vec<Hit> = top
            .into_iter()
            .filter_map(|(bm25, address)| {
                let segment = searcher.segment_reader(address.segment_ord);
                let ordinal = segment
                    .fast_fields()
                    .u64("ordinal")
                    .ok()?
                    .first(address.doc_id)? as usize;
                let article = self.articles.get(ordinal)?;
                let coverage = self.coverage(&query_terms, article, question_mass);
                let phrasing = self.best_phrasing(&query_terms, article, question_mass);
                Some(Hit {
                    article: ordinal,
                    score: COVERAGE_WEIGHT * coverage + (1.0 - COVERAGE_WEIGHT) * phrasing,
                    coverage,
                    phrasing,
                    bm25,
                })
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
        hits
    }

    /// How many articles are indexed.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The underlying tantivy index (for inspection and reloading).
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    fn resolve(&self, question: &str, lang: Lang) -> Vec<QueryTerm> {
        let mut analysed = self.analyzer.terms(question, lang);
        analysed.dedup();
        // In Arabic, Persian, Ukrainian or Tigrinya text, a word in Latin letters is nearly
        // always the Swedish name of the service ("fritids", "bygglov"): the resident chose
        // the official term to be precise, so it weighs double.
        let official_term = |term: &str| {
            matches!(lang, Lang::Ar | Lang::Fa | Lang::Uk | Lang::Ti)
                && term.chars().all(|c| c.is_ascii_alphanumeric())
        };
        analysed
            .into_iter()
            .map(|term| match self.vocabulary.get(&term) {
                Some(id) => QueryTerm {
                    idf: self.idf[*id as usize] * if official_term(&term) { 2.0 } else { 1.0 },
                    matches: vec![(*id, 1.0)],
                },
                None => {
                    let matches = self.approximate(&term);
                    let idf = matches
                        .iter()
                        .map(|(id, similarity)| self.idf[*id as usize] * similarity)
                        .fold(0.0, f32::max);
                    QueryTerm {
                        idf: if matches.is_empty() {
                            self.unknown_idf
                        } else {
                            idf.max(self.unknown_idf * 0.5)
                        },
                        matches,
                    }
                }
            })
            .collect()
    }

    /// Vocabulary terms close to an unknown `term`: typos, inflections and compound parts.
    fn approximate(&self, term: &str) -> Vec<(TermId, f32)> {
        let length = term.chars().count();
        if length < 4 {
            return Vec::new();
        }
        let own = trigrams_of(term);
        let mut shared: HashMap<TermId, u16> = HashMap::new();
        for trigram in &own {
            if let Some(postings) = self.trigrams.get(trigram) {
                for id in postings {
                    *shared.entry(*id).or_default() += 1;
                }
            }
        }
        let mut matches: Vec<(TermId, f32)> = shared
            .into_iter()
            .filter(|(_, count)| *count >= 2)
            .filter_map(|(id, count)| {
                let candidate = &self.terms[id as usize];
                let candidate_length = candidate.chars().count();
                let dice = 2.0 * count as f32 / (own.len() + candidate_length + 2) as f32;
                let similarity = if dice >= 0.6 {
                    dice
                } else if candidate_length >= 5 && term.ends_with(candidate.as_str()) {
                    // A compound that ends with a known word: the last part of a Swedish
                    // compound says what it is ("bygglovs|ansökan" is an application).
                    0.45 + 0.4 * candidate_length as f32 / length as f32
                } else if candidate_length >= 5 && term.starts_with(candidate.as_str()) {
                    // The first part only qualifies it ("föräldra|penning" is not about
                    // parents), so it counts for less. A known word in the middle says nothing.
                    0.25 + 0.4 * candidate_length as f32 / length as f32
                } else if length >= 5 && (candidate.starts_with(term) || candidate.ends_with(term))
                {
                    0.4 + 0.3 * length as f32 / candidate_length as f32
                } else {
                    return None;
                };
                Some((id, similarity.min(0.95)))
            })
            .collect();
        matches.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        matches.truncate(5);
        matches
    }

    fn coverage(&self, query: &[QueryTerm], article: &IndexedArticle, mass: f32) -> f32 {
        if mass <= 0.0 {
            return 0.0;
        }
        let covered: f32 = query
            .iter()
            .map(|term| {
                let best = term
                    .matches
                    .iter()
                    .map(|(id, similarity)| {
                        similarity * article.weights.get(id).copied().unwrap_or(0.0)
                    })
                    .fold(0.0, f32::max);
                term.idf * best
            })
            .sum();
        covered / mass
    }

    /// The geometric mean of how much of the question the phrasing covers and how much of
    /// the phrasing the question covers, for the article's closest phrasing.
    fn best_phrasing(&self, query: &[QueryTerm], article: &IndexedArticle, mass: f32) -> f32 {
        if mass <= 0.0 {
            return 0.0;
        }
        let count = article.phrasing_mass.len();
        let mut question_covered = vec![0f32; count];
        let mut phrasing_covered = vec![0f32; count];
        // Per phrasing, the question term's best match in it; among equals the last, as the
        // matches come in order.
        let mut best: Vec<Option<(TermId, f32)>> = vec![None; count];
        for term in query {
            best.fill(None);
            for (id, similarity) in &term.matches {
                for position in article.phrasings_with.get(id).into_iter().flatten() {
                    if best[*position].is_none_or(|(_, found)| *similarity >= found) {
                        best[*position] = Some((*id, *similarity));
                    }
                }
            }
            for (position, found) in best.iter().enumerate() {
                if let Some((id, similarity)) = found {
                    question_covered[position] += term.idf * similarity;
                    phrasing_covered[position] += self.idf[*id as usize] * similarity;
                }
            }
        }
        article
            .phrasing_mass
            .iter()
            .zip(question_covered.iter().zip(&phrasing_covered))
            .map(|(phrasing_mass, (question, phrasing))| {
                if *phrasing_mass <= 0.0 {
                    return 0.0;
                }
                ((question / mass) * (phrasing / phrasing_mass).min(1.0)).sqrt()
            })
            .fold(0.0, f32::max)
    }
}

/// Character trigrams of a term with its boundaries marked, so short terms still have some.
fn trigrams_of(term: &str) -> Vec<String> {
    let chars: Vec<char> = std::iter::once('^')
        .chain(term.chars())
        .chain(std::iter::once('$'))
        .collect();
    let mut out: Vec<String> = chars.windows(3).map(|w| w.iter().collect()).collect();
    out.sort();
    out.dedup();
    out
}
