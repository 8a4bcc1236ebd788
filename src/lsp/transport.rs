//! Messages over standard input and output. lsp-server's own transport stops at the
//! first message it cannot read; an editor's malformed message must get an error
//! response instead, and the server go on.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded};
use lsp_server::{Connection, Message};

/// A connection over stdio, and the threads to join when it closes.
pub fn stdio() -> (Connection, Vec<thread::JoinHandle<()>>) {
    let (to_server, from_client) = bounded::<Message>(0);
    let (to_client, for_client) = bounded::<Message>(0);
    let reader = thread::spawn(move || read_from(io::stdin().lock(), &to_server, &write_text));
    let writer = thread::spawn(move || write_each(&for_client));
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, vec![reader, writer])
}

/// Reads messages until the input ends or `exit` comes; one that cannot be read is
/// answered (through `reply`) with a JSON-RPC parse error and skipped.
fn read_from(mut input: impl BufRead, to_server: &Sender<Message>, reply: &dyn Fn(&str) -> io::Result<()>) {
    loop {
        match Message::read(&mut input) {
            Ok(Some(message)) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if to_server.send(message).is_err() || exit {
                    return;
                }
            }
            Ok(None) => return,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                eprintln!("kokoku server: {e}");
                let error = serde_json::json!({
                    "jsonrpc": "2.0",
                    "id": null,
                    "error": { "code": -32700, "message": format!("kokoku could not read the message: {e}") },
                });
                if reply(&error.to_string()).is_err() {
                    return;
                }
            }
            Err(_) => return,
        }
    }
}

fn write_each(for_client: &Receiver<Message>) {
    for message in for_client {
        let mut out = io::stdout().lock();
        if message.write(&mut out).is_err() {
            return;
        }
    }
}

/// One raw message, whole, as the writer's messages are (stdout's lock keeps them apart).
fn write_text(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_message_is_skipped_and_the_next_one_read() {
        let framed = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let input = framed("{not json") + &framed(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let (sender, receiver) = crossbeam_channel::unbounded();
        let replies = std::cell::RefCell::new(Vec::new());
        read_from(input.as_bytes(), &sender, &|text| {
            replies.borrow_mut().push(text.to_string());
            Ok(())
        });
        let read: Vec<Message> = receiver.try_iter().collect();
        assert!(
            matches!(&read[..], [Message::Notification(n)] if n.method == "exit"),
            "{read:?}"
        );
        let replies = replies.into_inner();
        assert_eq!(replies.len(), 1);
        assert!(
            replies[0].contains(r#""code":-32700"#) && replies[0].contains(r#""id":null"#),
            "{replies:?}"
        );
    }
}
