//! The municipality's knowledge: articles loaded from `knowledge/`, and their search index.
//!
//! `Knowledge` is an immutable snapshot; a content change builds a new one and swaps it in,
//! so a search never sees a half-updated index.

mod analysis;
mod article;
mod index;

pub use analysis::Analyzer;
pub use article::{Article, ArticleError, ArticleText, Aspect, Link, TopicId, TranslationStatus};
pub use index::{Hit, KnowledgeIndex};

use std::collections::HashMap;

use crate::content::ContentFile;
use crate::language::Lang;

/// Articles and their index, searchable.
#[derive(Debug)]
pub struct Knowledge {
    articles: Vec<Article>,
    by_topic: HashMap<TopicId, usize>,
    index: KnowledgeIndex,
}

/// Knowledge that cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error(transparent)]
    Article(#[from] ArticleError),
    #[error("{path}: topic {topic:?} is defined twice")]
    Duplicate { path: String, topic: String },
    #[error("{path}: related topic {related:?} has no article")]
    UnknownRelated { path: String, related: String },
    #[error("building the search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

impl Knowledge {
    /// Parses every article file and builds the index.
    pub fn load(files: &[ContentFile]) -> Result<Knowledge, KnowledgeError> {
        Knowledge::load_with(files, Vec::new())
    }

    /// Parses every article file, lets `overrides` (staff edits) replace or add articles by
    /// topic, and builds the index.
    pub fn load_with(
        files: &[ContentFile],
        overrides: Vec<Article>,
    ) -> Result<Knowledge, KnowledgeError> {
        let mut articles = Vec::with_capacity(files.len());
        let mut paths = Vec::with_capacity(files.len());
        for file in files {
            articles.push(Article::parse(&file.path, &file.text)?);
            paths.push(file.path.clone());
        }
        for edited in overrides {
            match articles.iter().position(|article| article.id == edited.id) {
                Some(position) => articles[position] = edited,
                None => {
                    paths.push(format!("(staff edit of {})", edited.id));
                    articles.push(edited);
                }
            }
        }
        let knowledge = Knowledge::from_articles(articles)?;
        for (article, path) in knowledge.articles.iter().zip(&paths) {
            if let Some(related) = article
                .related
                .iter()
                .find(|r| !knowledge.by_topic.contains_key(*r))
            {
                return Err(KnowledgeError::UnknownRelated {
                    path: path.clone(),
                    related: related.to_string(),
                });
            }
        }
        Ok(knowledge)
    }

    /// Indexes articles that are already parsed (staff edits, generated benchmark sets).
    pub fn from_articles(articles: Vec<Article>) -> Result<Knowledge, KnowledgeError> {
        let mut by_topic = HashMap::with_capacity(articles.len());
        for (position, article) in articles.iter().enumerate() {
            if by_topic.insert(article.id.clone(), position).is_some() {
                return Err(KnowledgeError::Duplicate {
                    path: format!("knowledge/{}.toml", article.id),
                    topic: article.id.to_string(),
                });
            }
        }
        let index = KnowledgeIndex::build(&articles)?;
        Ok(Knowledge {
            articles,
            by_topic,
            index,
        })
    }

    /// The articles that best match `question` in `lang`, with their scores, best first.
    pub fn search(&self, question: &str, lang: Lang) -> Vec<(&Article, Hit)> {
        self.index
            .search(question, lang)
            .into_iter()
            .filter_map(|hit| Some((self.articles.get(hit.article)?, hit)))
            .collect()
    }

    pub fn article(&self, topic: &TopicId) -> Option<&Article> {
        self.by_topic
            .get(topic)
            .and_then(|position| self.articles.get(*position))
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }
}
