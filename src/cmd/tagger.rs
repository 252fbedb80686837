//! `innograph tagger train|eval`: the learned name tagger's model, made and measured.

use crate::cli::{TaggerCommand, TaggerEvalArgs, TaggerTagArgs, TaggerTrainArgs};
use anyhow::{Context, Result};
use innograph::extract::tagger::{
    cluener_held_out, evaluate, parse_cluener, parse_silver, read_lines, silver_held_out, train,
    Corpus, Example, Lexicon, Sources, Tagger, Templates, TrainConfig,
};
use std::path::Path;
use std::process::ExitCode;

pub fn run(command: &TaggerCommand) -> Result<ExitCode> {
    match command {
        TaggerCommand::Train(a) => train_model(a),
        TaggerCommand::Eval(a) => eval_model(a),
        TaggerCommand::Tag(a) => tag_lines(a),
    }
    .map(|()| ExitCode::SUCCESS)
}

fn read(p: &Path) -> Result<String> {
    std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
}

/// Held-out lines of the gold file and of the silver files.
struct HeldOut {
    gold: Vec<Example>,
    silver: Vec<Example>,
}

fn report(t: &Tagger, held: &HeldOut) -> Result<()> {
    if !held.gold.is_empty() {
        crate::outln!(
            "CLUENER held-out ({} sentences):\n{}",
            held.gold.len(),
            evaluate(t, &held.gold)
        );
    }
    if !held.silver.is_empty() {
        crate::outln!(
            "teacher agreement, silver held-out ({} clauses):\n{}",
            held.silver.len(),
            evaluate(t, &held.silver)
        );
    }
    Ok(())
}

fn train_model(a: &TaggerTrainArgs) -> Result<()> {
    let mut corpora = Vec::new();
    let mut held = HeldOut {
        gold: Vec::new(),
        silver: Vec::new(),
    };
    if let Some(p) = &a.cluener {
        let text = read(p)?;
        let (examples, bad) = read_lines(&text, parse_cluener, |i| !cluener_held_out(i));
        held.gold = read_lines(&text, parse_cluener, cluener_held_out).0;
        eprintln!(
            "{}: {} sentences, {bad} unreadable",
            p.display(),
            examples.len()
        );
        corpora.push(Corpus {
            name: "cluener".into(),
            examples,
            weight: 1.0,
        });
    }
    for p in &a.silver {
        let text = read(p)?;
        let (examples, bad) = read_lines(&text, parse_silver, |i| !silver_held_out(i));
        held.silver
            .extend(read_lines(&text, parse_silver, silver_held_out).0);
        eprintln!(
            "{}: {} clauses, {bad} unreadable",
            p.display(),
            examples.len()
        );
        corpora.push(Corpus {
            name: p.display().to_string(),
            examples,
            weight: a.silver_weight,
        });
    }
    anyhow::ensure!(
        !corpora.is_empty(),
        "nothing to train on: give --cluener or --silver"
    );
    let defaults = TrainConfig::default();
    let config = TrainConfig {
        epochs: a.epochs,
        seed: a.seed.unwrap_or(defaults.seed),
        templates: Templates {
            dictionary: a.dict,
            ..defaults.templates
        },
        ..defaults
    };
    let lexicon = if a.dict {
        Lexicon::from_sources(&bundled_sources())
    } else {
        Lexicon::default()
    };
    let started = std::time::Instant::now();
    let model = train(&config, &lexicon, &corpora);
    let bytes = model.to_bytes();
    std::fs::write(&a.out, &bytes).with_context(|| format!("cannot write {}", a.out.display()))?;
    eprintln!(
        "trained in {:.1} s: {} bytes → {}",
        started.elapsed().as_secs_f64(),
        bytes.len(),
        a.out.display()
    );
    if a.eval {
        report(&Tagger::new(model), &held)?;
    }
    Ok(())
}

fn eval_model(a: &TaggerEvalArgs) -> Result<()> {
    let tagger = match &a.model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            Tagger::from_bytes(&bytes).with_context(|| format!("cannot load {}", p.display()))?
        }
        None => innograph::extract::bundled_tagger()
            .context("the bundled tagger model does not load")?
            .clone(),
    };
    let mut held = HeldOut {
        gold: Vec::new(),
        silver: Vec::new(),
    };
    if let Some(p) = &a.cluener {
        held.gold = read_lines(&read(p)?, parse_cluener, cluener_held_out).0;
    }
    for p in &a.silver {
        held.silver
            .extend(read_lines(&read(p)?, parse_silver, silver_held_out).0);
    }
    anyhow::ensure!(
        !held.gold.is_empty() || !held.silver.is_empty(),
        "nothing to score: give --cluener or --silver"
    );
    report(&tagger, &held)
}

/// Tags each line and prints its names as JSON (code-point offsets).
fn tag_lines(a: &TaggerTagArgs) -> Result<()> {
    use std::io::BufRead;
    let tagger =
        innograph::extract::bundled_tagger().context("the bundled tagger model does not load")?;
    let mut readers: Vec<(String, Box<dyn BufRead>)> = Vec::new();
    if a.files.is_empty() {
        readers.push(("standard input".into(), Box::new(std::io::stdin().lock())));
    }
    for f in &a.files {
        let file =
            std::fs::File::open(f).with_context(|| format!("cannot open {}", f.display()))?;
        readers.push((
            f.display().to_string(),
            Box::new(std::io::BufReader::new(file)),
        ));
    }
    for (name, reader) in readers {
        for line in reader.lines() {
            let line = line.with_context(|| format!("cannot read {name}"))?;
            let spans: Vec<serde_json::Value> = tagger
                .tag(&line)
                .into_iter()
                .map(|s| {
                    let begin = line[..s.start].chars().count();
                    let end = begin + line[s.start..s.end].chars().count();
                    serde_json::json!([
                        begin,
                        end,
                        s.kind.code(),
                        (f64::from(s.score) * 1000.0).round() / 1000.0
                    ])
                })
                .collect();
            crate::outln!("{}", serde_json::json!({"text": line, "spans": spans}));
        }
    }
    Ok(())
}

/// The bundled dictionaries, for a model trained with dictionary features.
fn bundled_sources() -> Sources<'static> {
    let lexicon = |name: &str| {
        innograph::extract::lexicon::FILES
            .iter()
            .find(|f| f.name == name)
            .map_or("", |f| f.text)
    };
    let data = innograph::extract::gazetteer::DATA;
    Sources {
        surnames: data[7],
        divisions: data[0],
        institutions: data[2],
        finance: data[3],
        countries: data[4],
        roles: lexicon("roles.txt"),
        agency_suffixes: lexicon("agency_suffixes.txt"),
        heads: lexicon("heads.tsv"),
    }
}
