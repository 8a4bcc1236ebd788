//! Compiles the vendored MeCab IPADIC source into lindera's binary format so that
//! the dictionary is embedded in the kokoku binary. Nothing is downloaded.

use std::error::Error;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;

const RULES_DIR: &str = "dictionaries/rules";
const ARCHIVE: &str = "dictionaries/ipadic/mecab-ipadic-2.7.0-20070801.tar.xz";
/// The stem table's file name in the built dictionary's directory.
const STEMS: &str = "stems-v2.tsv";

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

    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let source_dir = out_dir.join("ipadic-src");
    let built_dir = out_dir.join("ipadic");

    embed_rule_files(&out_dir)?;

    // Rule edits rerun this script too; rebuild IPADIC only when its archive changed.
    let stamp = built_dir.join("kokoku-source.stamp");
    let stems = built_dir.join(STEMS);
    let archive_id = format!("{} {}", ARCHIVE, std::fs::metadata(ARCHIVE)?.len());
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(archive_id.as_str()) || !stems.exists() {
        unpack(Path::new(ARCHIVE), &source_dir)?;
        let metadata: Metadata = serde_json::from_str(METADATA)?;
        DictionaryBuilder::new(metadata)
            .build_dictionary(&source_dir, &built_dir)
            .map_err(|e| format!("building IPADIC from {ARCHIVE}: {e}"))?;
        write_stems(&source_dir, &stems)?;
        std::fs::remove_dir_all(&source_dir)?;
        std::fs::write(&stamp, archive_id)?;
    }

    println!("cargo::rustc-env=LINDERA_WORKDIR={}", out_dir.display());
    Ok(())
}

/// Lists every family file in dictionaries/rules (all but lexicons.toml) for
/// `include_str!`, so adding a family is adding a file.
fn embed_rule_files(out_dir: &Path) -> Result<(), Box<dyn Error>> {
    let mut files: Vec<String> = std::fs::read_dir(RULES_DIR)?
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    files.retain(|f| f.ends_with(".toml") && f != "lexicons.toml");
    files.sort();
    let manifest = std::env::var("CARGO_MANIFEST_DIR")?;
    let entries: String = files
        .iter()
        .map(|f| format!("    (\"{RULES_DIR}/{f}\", include_str!(\"{manifest}/{RULES_DIR}/{f}\")),\n"))
        .collect();
    let code = format!("pub(crate) const BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n{entries}];\n");
    std::fs::write(out_dir.join("builtin_rules.rs"), code)?;
    Ok(())
}

/// Writes `lemma<TAB>stem` lines, sorted by lemma, for every IPADIC lemma with a form
/// other than the lemma itself; the stem is the start all its forms share (治る: 治ら,
/// 治っ → 治). The prefilter looks for the stem in a sentence before tokenizing it for
/// the lemma, and knows that a lemma not listed is always written in whole.
fn write_stems(source_dir: &Path, out: &Path) -> Result<(), Box<dyn Error>> {
    // lemma → (shared start, whether some form differs from the lemma)
    let mut stems: std::collections::BTreeMap<String, (String, bool)> = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(source_dir)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let (text, _, _) = encoding_rs::EUC_JP.decode(&bytes);
        for line in text.lines() {
            let fields: Vec<&str> = line.split(',').collect();
            let (Some(surface), Some(lemma)) = (fields.first(), fields.get(10)) else {
                continue;
            };
            if *lemma == "*" {
                continue;
            }
            let (stem, differs) = stems
                .entry((*lemma).to_string())
                .or_insert_with(|| ((*lemma).to_string(), false));
            let common: usize = stem
                .chars()
                .zip(surface.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum();
            stem.truncate(common);
            *differs |= surface != lemma;
        }
    }
    let table: String = stems
        .iter()
        .filter(|(_, (_, differs))| *differs)
        .map(|(lemma, (stem, _))| format!("{lemma}\t{stem}\n"))
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
