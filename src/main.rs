mod ipadic {
    lindera_dictionary::embedded_dictionary!("/ipadic", EmbeddedIpadic);
}
fn main() {
    let t = std::time::Instant::now();
    let dict = ipadic::load().unwrap();
    eprintln!("load {:?}", t.elapsed());
    let seg = lindera::segmenter::Segmenter::new(lindera::mode::Mode::Normal, dict, None);
    let text = std::env::args().nth(1).unwrap();
    for mut tok in seg.segment(text.as_str().into()).unwrap() {
        let (s, b, e) = (tok.surface.to_string(), tok.byte_start, tok.byte_end);
        println!("{s}\t{b}-{e}\t{:?}", tok.details());
    }
}
