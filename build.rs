//! Compiles the vendored MeCab IPADIC source into lindera's binary format so that
//! the dictionary is embedded in the kokoku binary. Nothing is downloaded.

use std::error::Error;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;

// The tables must read kana exactly as the tokenizer does, so they share its code.
#[allow(dead_code)]
#[path = "src/text/kana.rs"]
mod kana;
const KANA: &str = "src/text/kana.rs";

// The regex literals table must be what the linter would work out at run time.
#[allow(dead_code)]
#[path = "src/compile/regex_literals.rs"]
mod regex_literals;
const REGEX_LITERALS: &str = "src/compile/regex_literals.rs";

const RULES_DIR: &str = "dictionaries/rules";
const ARCHIVE: &str = "dictionaries/ipadic/mecab-ipadic-2.7.0-20070801.tar.xz";
/// The forms table's file name in the built dictionary's directory.
const FORMS: &str = "forms.tsv";
/// Every reading's spellings, kept beside the built dictionary (not embedded).
const READINGS: &str = "readings.tsv";
/// The spellings of the readings the built-in rules test (`~カナラズ`), embedded.
const RULE_READINGS: &str = "rule-readings.tsv";

/// The IPADIC CSV schema as lindera expects it; the CSVs stay in their original EUC-JP.
const METADATA: &str = r#"{
  "name": "ipadic",
  "encoding": "EUC-JP",
  "default_word_cost": -10000,
  "default_left_context_id": 0,
  "default_right_context_id": 0,
  "default_field_value": "*",
  "flexible_csv": true,
  "skip_invalid_cost_or_id": false,
  "normalize_details": true,
  "dictionary_schema": {
    "fields": [
      "surface", "left_context_id", "right_context_id", "cost",
      "part_of_speech", "part_of_speech_subcategory_1",
      "part_of_speech_subcategory_2", "part_of_speech_subcategory_3",
      "conjugation_form", "conjugation_type", "base_form", "reading", "pronunciation"
    ]
  },
  "user_dictionary_schema": { "fields": ["surface", "part_of_speech", "reading"] }
}"#;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed={ARCHIVE}");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={RULES_DIR}");
    println!("cargo::rerun-if-changed={KANA}");
    println!("cargo::rerun-if-changed={REGEX_LITERALS}");

    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let source_dir = out_dir.join("ipadic-src");
    let built_dir = out_dir.join("ipadic");

    let rule_files = parse_rule_files()?;
    embed_rule_files(&out_dir, &rule_files)?;
    write_regex_literals(&out_dir, &rule_files)?;

    // Rule edits rerun this script too; rebuild IPADIC only when its archive changed.
    let stamp = built_dir.join("kokoku-source.stamp");
    let forms = built_dir.join(FORMS);
    let readings = built_dir.join(READINGS);
    // The readings table reads kana with kana.rs, so a change there rebuilds it too.
    let archive_id = format!(
        "{} {}\n{}",
        ARCHIVE,
        std::fs::metadata(ARCHIVE)?.len(),
        std::fs::read_to_string(KANA)?
    );
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(archive_id.as_str())
        || !forms.exists()
        || !readings.exists()
    {
        unpack(Path::new(ARCHIVE), &source_dir)?;
        let metadata: Metadata = serde_json::from_str(METADATA)?;
        DictionaryBuilder::new(metadata)
            .build_dictionary(&source_dir, &built_dir)
            .map_err(|e| format!("building IPADIC from {ARCHIVE}: {e}"))?;
        write_tables(&source_dir, &forms, &readings)?;
        std::fs::remove_dir_all(&source_dir)?;
        std::fs::write(&stamp, archive_id)?;
    }
    write_rule_readings(&rule_files, &readings, &built_dir.join(RULE_READINGS))?;

    println!("cargo::rustc-env=LINDERA_WORKDIR={}", out_dir.display());
    Ok(())
}

/// A `.toml` file of dictionaries/rules: its name, text, and the text parsed.
struct RuleFile {
    name: String,
    text: String,
    table: toml::Table,
}

/// Every `.toml` file of dictionaries/rules, sorted by name, read once: a malformed
/// built-in file fails the build with its line and column.
fn parse_rule_files() -> Result<Vec<RuleFile>, Box<dyn Error>> {
    let mut names: Vec<String> = std::fs::read_dir(RULES_DIR)?
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    names.retain(|f| f.ends_with(".toml"));
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let path = Path::new(RULES_DIR).join(&name);
            let text = std::fs::read_to_string(&path)?;
            let table = text.parse().map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(RuleFile { name, text, table })
        })
        .collect()
}

/// Writes `LEXICON_FILE` and `BUILTIN_RULE_FILES` (every family file, so adding a
/// family is adding a file): each file's TOML, and the same data as MessagePack, which
/// the linter reads at every start (about five times faster than TOML).
fn embed_rule_files(out_dir: &Path, files: &[RuleFile]) -> Result<(), Box<dyn Error>> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR")?;
    let packed_dir = out_dir.join("packed-rules");
    std::fs::create_dir_all(&packed_dir)?;
    let mut lexicons = String::new();
    let mut entries = String::new();
    for RuleFile { name, table, .. } in files {
        let packed = packed_dir.join(name).with_extension("msgpack");
        std::fs::write(&packed, rmp_serde::to_vec(table)?)?;
        let entry = format!(
            "BuiltinFile {{ name: \"{RULES_DIR}/{name}\", toml: include_str!(\"{manifest}/{RULES_DIR}/{name}\"), packed: include_bytes!({packed:?}) }}"
        );
        match name.as_str() {
            "lexicons.toml" => lexicons = entry,
            _ => entries.push_str(&format!("    {entry},\n")),
        }
    }
    let code = format!(
        "pub(crate) static LEXICON_FILE: BuiltinFile = {lexicons};\npub(crate) static BUILTIN_RULE_FILES: &[BuiltinFile] = &[\n{entries}];\n"
    );
    std::fs::write(out_dir.join("builtin_rules.rs"), code)?;
    Ok(())
}

/// Writes `BUILTIN_REGEX_LITERALS`: every regex of the rule files with the literals its
/// matches start and end with, sorted by regex for a binary search.
fn write_regex_literals(out_dir: &Path, files: &[RuleFile]) -> Result<(), Box<dyn Error>> {
    fn collect(value: &toml::Value, key: &str, into: &mut std::collections::BTreeSet<String>) {
        match value {
            toml::Value::Table(table) => table.iter().for_each(|(k, v)| collect(v, k, into)),
            toml::Value::Array(values) if key == "regexes" => {
                into.extend(values.iter().filter_map(|v| v.as_str().map(str::to_string)));
            }
            toml::Value::Array(values) => values.iter().for_each(|v| collect(v, key, into)),
            _ => {}
        }
    }
    let mut regexes = std::collections::BTreeSet::new();
    for file in files {
        file.table.iter().for_each(|(k, v)| collect(v, k, &mut regexes));
    }
    let list = |strings: &Option<Vec<String>>| match strings {
        Some(strings) => format!("Some(&{strings:?})"),
        None => "None".to_string(),
    };
    let entries: String = regexes
        .iter()
        .map(|regex| {
            let literals = match regex_literals::of(regex) {
                Some(l) => format!("Some(({}, {}, {}))", list(&l.starts), list(&l.ends), l.exact),
                None => "None".to_string(),
            };
            format!("    ({regex:?}, {literals}),\n")
        })
        .collect();
    let code = format!(
        "#[allow(clippy::type_complexity)]\nstatic BUILTIN_REGEX_LITERALS: &[(&str, Option<(Option<&[&str]>, Option<&[&str]>, bool)>)] = &[\n{entries}];\n"
    );
    std::fs::write(out_dir.join("builtin_regex_literals.rs"), code)?;
    Ok(())
}

/// Writes two tables of `key<TAB>spelling<TAB>spelling…` lines sorted by key, for the
/// prefilter to look for one of the spellings in a sentence before tokenizing it:
/// - forms: every IPADIC lemma with a written form other than the lemma itself
///   (治る: 治ら 治り 治る 治れ 治ろ 治っ …); a lemma not listed is written as itself;
/// - readings: every reading and the surfaces that have it (カナラズ: 必ず 必らず …).
fn write_tables(source_dir: &Path, forms_out: &Path, readings_out: &Path) -> Result<(), Box<dyn Error>> {
    let mut forms = Table::new();
    let mut readings = Table::new();
    for entry in std::fs::read_dir(source_dir)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let (text, _, _) = encoding_rs::EUC_JP.decode(&bytes);
        for line in text.lines() {
            let fields: Vec<&str> = line.split(',').collect();
            let Some(surface) = fields.first().map(|s| dictionary_key(s)) else {
                continue;
            };
            // lindera normalises the lemma and reading it reports as it does surfaces.
            let known = |i: usize| fields.get(i).filter(|f| **f != "*").map(|f| dictionary_key(f));
            if let Some(lemma) = known(10) {
                forms.entry(lemma).or_default().insert(surface.clone());
            }
            // kokoku reads a word without a reading as its surface in katakana.
            let reading = known(11).unwrap_or_else(|| kana::to_katakana(&surface));
            readings.entry(reading).or_default().insert(surface);
        }
    }
    forms.retain(|lemma, written| written.iter().any(|w| w != lemma));
    std::fs::write(forms_out, lines(&forms))?;
    std::fs::write(readings_out, lines(&readings))?;
    Ok(())
}

type Table = std::collections::BTreeMap<String, std::collections::BTreeSet<String>>;

/// A field as lindera's builder stores it with `normalize_details` (―→—, ～→〜): the
/// text a token is read from holds this, not the CSV's spelling.
fn dictionary_key(surface: &str) -> String {
    surface.replace('―', "—").replace('～', "〜")
}

fn lines(table: &Table) -> String {
    table
        .iter()
        .map(|(key, spellings)| {
            let spellings: Vec<&str> = spellings.iter().map(String::as_str).collect();
            format!("{key}\t{}\n", spellings.join("\t"))
        })
        .collect()
}

/// The lines of the readings table for the readings the built-in rule files test
/// (`~カナラズ`, `~かならず`), each listed even when IPADIC has no word of that reading:
/// the prefilter takes a listed reading's spellings as complete.
fn write_rule_readings(files: &[RuleFile], readings: &Path, out: &Path) -> Result<(), Box<dyn Error>> {
    let mut wanted = std::collections::BTreeSet::new();
    for RuleFile { text, .. } in files {
        for (_, after) in text.match_indices('~').map(|(i, _)| text.split_at(i + 1)) {
            let kana: String = after
                .chars()
                .take_while(|&c| matches!(c, 'ぁ'..='ゖ' | 'ァ'..='ヺ' | 'ー'))
                .collect();
            let reading = kana::to_katakana(&kana);
            if !reading.is_empty() {
                wanted.insert(reading);
            }
        }
    }
    let all = std::fs::read_to_string(readings)?;
    let known: std::collections::BTreeMap<&str, &str> = all
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(reading, _)| wanted.contains(*reading))
        .collect();
    let table: String = wanted
        .iter()
        .map(|reading| format!("{reading}\t{}\n", known.get(reading.as_str()).unwrap_or(&"")))
        .collect();
    std::fs::write(out, table)?;
    Ok(())
}

fn unpack(archive: &Path, dest: &Path) -> Result<(), Box<dyn Error>> {
    let file = File::open(archive).map_err(|e| format!("opening {}: {e}", archive.display()))?;
    let mut tar_bytes = Vec::new();
    lzma_rs::xz_decompress(&mut BufReader::new(file), &mut tar_bytes)
        .map_err(|e| format!("decompressing {}: {e:?}", archive.display()))?;
    if dest.exists() {
        std::fs::remove_dir_all(dest)?;
    }
    std::fs::create_dir_all(dest)?;
    tar::Archive::new(tar_bytes.as_slice()).unpack(dest)?;
    Ok(())
}
