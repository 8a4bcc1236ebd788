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
/// The forms table's file name in the built dictionary's directory.
const FORMS: &str = "forms.tsv";

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
    let forms = built_dir.join(FORMS);
    let archive_id = format!("{} {}", ARCHIVE, std::fs::metadata(ARCHIVE)?.len());
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(archive_id.as_str()) || !forms.exists() {
        unpack(Path::new(ARCHIVE), &source_dir)?;
        let metadata: Metadata = serde_json::from_str(METADATA)?;
        DictionaryBuilder::new(metadata)
            .build_dictionary(&source_dir, &built_dir)
            .map_err(|e| format!("building IPADIC from {ARCHIVE}: {e}"))?;
        write_forms(&source_dir, &forms)?;
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

/// Writes `lemma<TAB>form<TAB>form…` lines, sorted by lemma, for every IPADIC lemma
/// with a written form other than the lemma itself (治る: 治ら 治り 治る 治れ 治ろ 治っ
/// …). The prefilter looks for one of the forms in a sentence before tokenizing it for
/// the lemma; a lemma not listed is always written as itself.
fn write_forms(source_dir: &Path, out: &Path) -> Result<(), Box<dyn Error>> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut forms: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(source_dir)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let (text, _, _) = encoding_rs::EUC_JP.decode(&bytes);
        for line in text.lines() {
            let fields: Vec<&str> = line.split(',').collect();
            if let (Some(surface), Some(lemma)) = (fields.first(), fields.get(10))
                && *lemma != "*"
            {
                forms
                    .entry((*lemma).to_string())
                    .or_default()
                    .insert((*surface).to_string());
            }
        }
    }
    let table: String = forms
        .iter()
        .filter(|(lemma, written)| written.iter().any(|w| w != *lemma))
        .map(|(lemma, written)| {
            let written: Vec<&str> = written.iter().map(String::as_str).collect();
            format!("{lemma}\t{}\n", written.join("\t"))
        })
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
