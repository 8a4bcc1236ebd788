//! What admits a request: the Host a browser on this PC sends (anything else is a page
//! elsewhere reaching 127.0.0.1 through DNS rebinding), and the run's token (anything
//! without it is another program or page guessing the port).

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

/// Why a request is not answered, as an HTTP status and a message.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

impl Refusal {
    pub fn new(status: u16, message: &str) -> Self {
        Self {
            status,
            message: message.to_string(),
        }
    }
}

/// Admits requests whose Host is this server as the page's URL names it.
pub fn check_host(host: Option<&str>, port: u16) -> Result<(), Refusal> {
    let ours = |name: &str| host == Some(format!("{name}:{port}").as_str());
    match ours("127.0.0.1") || ours("localhost") {
        true => Ok(()),
        false => Err(Refusal::new(421, "this server answers only to 127.0.0.1 and localhost")),
    }
}

/// The `token` parameter of a query string.
pub fn query_token(query: &str) -> Option<&str> {
    (query.split('&')).find_map(|pair| pair.strip_prefix("token="))
}

/// A run's secret: 128 random bits as 32 hex digits.
pub struct Token(String);

impl Token {
    /// The standard library seeds each `RandomState` from the operating system's
    /// randomness; two hashes under fresh states give 128 unpredictable bits without a
    /// crate for it.
    pub fn random() -> Self {
        let half = || RandomState::new().hash_one(std::process::id());
        Self(format!("{:016x}{:016x}", half(), half()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `given` is the token, compared in time that does not depend on where
    /// the first wrong digit is.
    pub fn admits(&self, given: Option<&str>) -> Result<(), Refusal> {
        let given = given.unwrap_or_default().as_bytes();
        let ours = self.0.as_bytes();
        let differ = (given.len() != ours.len()) as u8 | given.iter().zip(ours).fold(0, |acc, (a, b)| acc | (a ^ b));
        match differ {
            0 => Ok(()),
            _ => Err(Refusal::new(
                403,
                "a token is needed: open the address kokoku serve printed",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_port_on_loopback_names_is_admitted() {
        assert!(check_host(Some("127.0.0.1:8080"), 8080).is_ok());
        assert!(check_host(Some("localhost:8080"), 8080).is_ok());
        for host in [
            None,
            Some("127.0.0.1:8081"),
            Some("evil.example:8080"),
            Some("127.0.0.1"),
        ] {
            assert_eq!(check_host(host, 8080).map_err(|r| r.status), Err(421), "{host:?}");
        }
    }

    #[test]
    fn tokens_are_random_and_only_the_whole_token_admits() {
        let token = Token::random();
        assert_eq!(token.as_str().len(), 32);
        assert_ne!(token.as_str(), Token::random().as_str());
        assert!(token.admits(Some(token.as_str())).is_ok());
        let prefix = &token.as_str()[..31];
        for given in [None, Some(""), Some(prefix), Some(&format!("{}0", token.as_str()))] {
            assert_eq!(token.admits(given).map_err(|r| r.status), Err(403));
        }
    }

    #[test]
    fn the_token_is_read_from_anywhere_in_the_query() {
        assert_eq!(query_token("a=1&token=abc"), Some("abc"));
        assert_eq!(query_token("token=abc"), Some("abc"));
        assert_eq!(query_token("mytoken=abc"), None);
    }
}
