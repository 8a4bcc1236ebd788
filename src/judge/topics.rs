//! What a claim is about, for the safer wordings that fit it: the topics (`[topic.*]` in
//! lexicons.toml) whose words its sentence holds.

use aho_corasick::AhoCorasick;

use crate::rules::Topic;

/// Finds the topics of a sentence in one pass.
#[derive(Debug)]
pub struct Topics {
    keys: Vec<String>,
    /// Every topic's words in one automaton; `owners[pattern]` is the topic's index.
    finder: Option<AhoCorasick>,
    owners: Vec<usize>,
}

impl Topics {
    pub fn new(topics: &[Topic]) -> Self {
        let owners: Vec<usize> = (topics.iter().enumerate())
            .flat_map(|(i, topic)| topic.words.iter().map(move |_| i))
            .collect();
        let words = topics.iter().flat_map(|topic| &topic.words);
        // Topic words are short plain strings: building their automaton cannot fail.
        let finder = AhoCorasick::new(words).ok();
        Self {
            keys: topics.iter().map(|t| t.key.clone()).collect(),
            finder,
            owners,
        }
    }

    /// The topics whose words `sentence` holds, in the table's order.
    pub fn of(&self, sentence: &str) -> Vec<&str> {
        let mut found = vec![false; self.keys.len()];
        for hit in self.finder.iter().flat_map(|f| f.find_overlapping_iter(sentence)) {
            found[self.owners[hit.pattern().as_usize()]] = true;
        }
        (self.keys.iter().zip(found))
            .filter(|&(_, found)| found)
            .map(|(key, _)| key.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_about_every_topic_whose_words_it_holds() {
        let topic = |key: &str, words: &[&str]| Topic {
            key: key.to_string(),
            words: words.iter().map(|w| w.to_string()).collect(),
        };
        let topics = Topics::new(&[topic("pain", &["痛み", "痛く"]), topic("price", &["円", "安く"])]);
        assert_eq!(topics.of("他院より安く、痛みも少ない施術です。"), ["pain", "price"]);
        assert_eq!(topics.of("必ず治ります。"), Vec::<&str>::new());
    }
}
