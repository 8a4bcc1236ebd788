//! Compiles the vendored MeCab IPADIC source into lindera's binary format so that
//! the dictionary is embedded in the kokoku binary. Nothing is downloaded.

use std::error::Error;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;

const ARCHIVE: &str = "dictionaries/ipadic/mecab-ipadic-2.7.0-20070801.tar.xz";

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

    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let source_dir = out_dir.join("ipadic-src");
    let built_dir = out_dir.join("ipadic");

    unpack(Path::new(ARCHIVE), &source_dir)?;
    let metadata: Metadata = serde_json::from_str(METADATA)?;
    DictionaryBuilder::new(metadata)
        .build_dictionary(&source_dir, &built_dir)
        .map_err(|e| format!("building IPADIC from {ARCHIVE}: {e}"))?;

    println!("cargo::rustc-env=LINDERA_WORKDIR={}", out_dir.display());
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
