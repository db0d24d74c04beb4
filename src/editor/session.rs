//! One editing session: the card file, what the page last saw of it, and every request the
//! page makes, answered from memory. The CLI owns the sockets and the file watcher; this
//! half decides what each request may do and does it, so it is tested without either.
//!
//! Safety of her card: only requests addressed to this server (`Host`) are answered, every
//! `/api/` request carries the token the page received, and a write must come from the
//! page's own origin (`Origin`) — no other page open in her browser can read or change the
//! card. A save names, for each field, the value the page started from: if the file changed
//! that field meanwhile (her text editor, `git pull`), nothing is written and the page asks.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{json, Map, Value as Json};

use super::form;
use super::values::{self, Refusal};
use crate::diag::{Diagnostic, SourceFile};
use crate::locale::Lang;
use crate::message::{Failure, Severity};
use crate::preview::protocol;
use crate::project::{Checked, Project, Purpose, Settings};
use crate::render::Format;
use crate::world::World;

/// Where the card lives: read and written whole, a write atomic (all or nothing).
pub trait CardFile: Send + Sync {
    /// The card's text now; `None` while there is no file yet.
    fn read(&self) -> Result<Option<String>, Failure>;
    /// Replaces the card's text, never leaving a half-written file.
    fn write(&self, text: &str) -> Result<(), Failure>;
}

/// A request as the server read it.
#[derive(Debug, Default, Clone)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub host: Option<String>,
    pub origin: Option<String>,
    pub token: Option<String>,
    pub body: Vec<u8>,
}

/// What the server sends back.
#[derive(Debug)]
pub enum Answer {
    Whole {
        status: &'static str,
        kind: &'static str,
        body: Arc<[u8]>,
    },
    /// The event stream: the server writes [`Session::wait_change`]'s versions to it.
    Events,
}

impl Answer {
    fn status(status: &'static str) -> Answer {
        let body: Arc<[u8]> = Arc::from(&[][..]);
        Answer::Whole {
            status,
            kind: "text/plain; charset=utf-8",
            body,
        }
    }

    fn json(status: &'static str, value: &Json) -> Answer {
        let body = serde_json::to_vec(value).unwrap_or_default();
        Answer::Whole {
            status,
            kind: "application/json",
            body: body.into(),
        }
    }

    pub fn status_line(&self) -> &'static str {
        match self {
            Answer::Whole { status, .. } => status,
            Answer::Events => "200 OK",
        }
    }
}

const PAGE: &str = include_str!("page/editor.html");
const SCRIPT: &str = include_str!("page/editor.js");
const STYLE: &str = include_str!("page/editor.css");

struct State {
    /// The file's text as last read or written ("" while there is no file).
    text: String,
    exists: bool,
    /// Grows with every change of the file, saved here or elsewhere.
    version: u64,
    /// The version the event stream tells: changes made elsewhere only.
    told: u64,
    /// The last page of the card that could be built, and its number.
    preview: Arc<[u8]>,
    preview_version: u64,
    /// The text the preview shows, for the PDF, and the PDF of it once asked for.
    previewed: Option<String>,
    pdf: Option<(String, Arc<[u8]>)>,
}

pub struct Session {
    world: Arc<dyn World + Send + Sync>,
    settings: Settings,
    path: PathBuf,
    file: Box<dyn CardFile>,
    lang: Lang,
    token: String,
    port: u16,
    state: Mutex<State>,
    changed: Condvar,
}

impl Session {
    /// A session over `file` at `path`, answering on `port` with `token`. The page's
    /// language: the settings', else the card's own, else Russian.
    pub fn new(
        world: Arc<dyn World + Send + Sync>,
        settings: Settings,
        path: &Path,
        file: Box<dyn CardFile>,
        port: u16,
        token: String,
    ) -> Result<Session, Failure> {
        let read = file.read();
        let card = |r: &Result<Option<String>, Failure>| match r {
            Ok(Some(text)) => crate::load::is_card_text(text.as_bytes()),
            _ => false,
        };
        if crate::import::is_document(path) && !card(&read) {
            let path = path.to_path_buf();
            return Err(Failure::EditDocument { path });
        }
        let read = read?;
        let exists = read.is_some();
        let text = read.unwrap_or_default();
        if crate::load::is_collection(&text) {
            let path = path.to_path_buf();
            return Err(Failure::EditCollection { path });
        }
        let card_lang = values::values(&text, &["language"])
            .and_then(|v| v.get("language").cloned())
            .and_then(|l| serde_json::from_value::<Lang>(l).ok());
        let lang = settings.lang.or(card_lang).unwrap_or_default();
        let state = State {
            text,
            exists,
            version: 1,
            told: 1,
            preview: Arc::from(&[][..]),
            preview_version: 0,
            previewed: None,
            pdf: None,
        };
        Ok(Session {
            world,
            settings,
            path: path.to_path_buf(),
            file,
            lang,
            token,
            port,
            state: Mutex::new(state),
            changed: Condvar::new(),
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The file changed on disk (the watcher says so): read it, and if it is not what this
    /// session wrote, tell the page.
    pub fn file_changed(&self) -> Result<(), Failure> {
        let read = self.file.read()?;
        let mut state = self.lock();
        if read.as_deref().unwrap_or_default() != state.text || read.is_some() != state.exists {
            state.exists = read.is_some();
            state.text = read.unwrap_or_default();
            state.version += 1;
            state.told = state.version;
            self.changed.notify_all();
        }
        Ok(())
    }

    /// The card's version once the file changed elsewhere since `sent`, or the same after
    /// `timeout`.
    pub fn wait_change(&self, sent: Option<u64>, timeout: Duration) -> u64 {
        let state = self.lock();
        let unchanged = |s: &mut State| sent == Some(s.told);
        let waited = self.changed.wait_timeout_while(state, timeout, unchanged);
        let (state, _) = waited.unwrap_or_else(|p| p.into_inner());
        state.told
    }

    /// Answers one request.
    pub fn handle(&self, request: &Request) -> Answer {
        if !protocol::host_allowed(request.host.as_deref(), self.port) {
            return Answer::status("403 Forbidden");
        }
        let path = request.target.split(['?', '#']).next().unwrap_or_default();
        let api = path.starts_with("/api/");
        if api && request.token.as_deref() != Some(self.token.as_str()) {
            return Answer::status("403 Forbidden");
        }
        let post = request.method == "POST";
        if post && !self.own_origin(request.origin.as_deref()) {
            return Answer::status("403 Forbidden");
        }
        let get = matches!(request.method.as_str(), "GET" | "HEAD");
        let text = |kind, body: &str| Answer::Whole {
            status: "200 OK",
            kind,
            body: Arc::from(body.as_bytes()),
        };
        match (get, post, path) {
            (true, _, "/") => text("text/html; charset=utf-8", &self.page()),
            (true, _, "/editor.js") => text("text/javascript; charset=utf-8", SCRIPT),
            (true, _, "/editor.css") => text("text/css; charset=utf-8", STYLE),
            (true, _, "/preview") => Answer::Whole {
                status: "200 OK",
                kind: "text/html; charset=utf-8",
                body: self.lock().preview.clone(),
            },
            (true, _, "/preview.pdf") => self.pdf(),
            (true, _, "/events") => Answer::Events,
            (true, _, "/api/form") => Answer::json("200 OK", &form::description(self.lang)),
            (true, _, "/api/card") => self.card(),
            (_, true, "/api/check") => self.check(&request.body),
            (_, true, "/api/save") => self.save(&request.body),
            (_, true, "/api/cite") => self.cite(&request.body),
            _ => Answer::status("404 Not Found"),
        }
    }

    fn own_origin(&self, origin: Option<&str>) -> bool {
        let port = self.port;
        origin.is_some_and(|o| {
            o == format!("http://127.0.0.1:{port}") || o == format!("http://localhost:{port}")
        })
    }

    fn page(&self) -> String {
        let lang = match self.lang {
            Lang::Ru => "ru",
            Lang::En => "en",
        };
        PAGE.replace("{lang}", lang)
            .replace("{token}", &self.token)
            .replace("{title}", &form::word(self.lang, "page.title"))
    }

    /// The card's values and its check, for a page that opens or reloads.
    fn card(&self) -> Answer {
        let (text, exists, version) = {
            let s = self.lock();
            (s.text.clone(), s.exists, s.version)
        };
        let values = values::values(&text, &form::paths());
        let report = self.report(&text);
        Answer::json(
            "200 OK",
            &json!({
                "version": version,
                "exists": exists,
                "readable": values.is_some(),
                "values": values.unwrap_or_default(),
                "report": report,
            }),
        )
    }

    /// What the page typed, checked as if saved, and previewed; nothing is written.
    fn check(&self, body: &[u8]) -> Answer {
        let Some((changes, _)) = changes(body) else {
            return Answer::status("400 Bad Request");
        };
        let text = self.lock().text.clone();
        match values::apply(&text, &changes) {
            Ok(edited) => Answer::json("200 OK", &json!({ "report": self.report(&edited) })),
            Err(refused) => Answer::json("422 Unprocessable Entity", &self.refused(&refused)),
        }
    }

    /// Writes what the page typed into the file, unless the file changed the same fields
    /// since the page read them.
    fn save(&self, body: &[u8]) -> Answer {
        let Some((changes, bases)) = changes(body) else {
            return Answer::status("400 Bad Request");
        };
        if let Err(failure) = self.file_changed() {
            return self.failure(&failure);
        }
        let mut state = self.lock();
        let doc = values::values(&state.text, &form::paths());
        let on_disk = |path: &str| doc.as_ref().and_then(|d| d.get(path));
        let conflicts: Map<String, Json> = changes
            .iter()
            .filter(|(path, value)| {
                let base = bases.get(path.as_str());
                let disk = on_disk(path);
                !values::same(disk, base) && !values::same(disk, Some(value))
            })
            .map(|(path, _)| (path.clone(), on_disk(path).cloned().unwrap_or(Json::Null)))
            .collect();
        if !conflicts.is_empty() {
            let version = state.version;
            let body = json!({ "conflicts": conflicts, "version": version });
            return Answer::json("409 Conflict", &body);
        }
        let edited = match values::apply(&state.text, &changes) {
            Ok(edited) => edited,
            Err(refused) => {
                drop(state);
                return Answer::json("422 Unprocessable Entity", &self.refused(&refused));
            }
        };
        if edited != state.text || !state.exists {
            if let Err(failure) = self.file.write(&edited) {
                drop(state);
                return self.failure(&failure);
            }
            state.text = edited.clone();
            state.exists = true;
            // The page that saved learns the version from the answer: no event for it.
            state.version += 1;
            state.told = state.version;
        }
        let version = state.version;
        drop(state);
        let report = self.report(&edited);
        Answer::json("200 OK", &json!({ "version": version, "report": report }))
    }

    /// A citation as the card will print it, and the fields it fills when the built-in
    /// parsers recognise it (`{"list": "norms"|"materials", "item": …}`).
    fn cite(&self, body: &[u8]) -> Answer {
        let Ok(asked) = serde_json::from_slice::<Json>(body) else {
            return Answer::status("400 Bad Request");
        };
        if let Some(text) = asked.get("csl").and_then(Json::as_str) {
            let entries = super::cite::csl(text);
            return Answer::json("200 OK", &json!({ "entries": entries }));
        }
        let item = asked.get("item").cloned().unwrap_or(Json::Null);
        let (record, fields) = match asked.get("list").and_then(Json::as_str) {
            Some("norms") => super::cite::norm(&item),
            Some("materials") => super::cite::material(&item),
            _ => return Answer::status("400 Bad Request"),
        };
        Answer::json("200 OK", &json!({ "record": record, "fields": fields }))
    }

    fn failure(&self, failure: &Failure) -> Answer {
        let body = json!({ "failure": failure.text(self.lang) });
        Answer::json("500 Internal Server Error", &body)
    }

    fn refused(&self, refused: &[(String, Refusal)]) -> Json {
        let said: Map<String, Json> = refused
            .iter()
            .map(|(path, why)| {
                let text = match why {
                    Refusal::ControlCharacter { at } => form::word(self.lang, "refused.control")
                        .replace("{at}", &(at + 1).to_string()),
                    Refusal::NotAField | Refusal::Unreadable => form::word(self.lang, "unreadable"),
                };
                (path.clone(), Json::String(text))
            })
            .collect();
        json!({ "refused": said })
    }

    /// The check of a text, by field: every message `check` gives, in its words, with
    /// characters per criterion and, when the profile limits pages, the page count. A text
    /// that builds becomes the preview.
    fn report(&self, text: &str) -> Json {
        let project = match Project::new(&*self.world, self.settings.clone()) {
            Ok(project) => project,
            Err(failure) => return json!({ "failure": failure.text(self.lang) }),
        };
        let checked = match project.check_text(&self.path, text, Purpose::Check) {
            Ok(checked) => checked,
            Err(failure) => return json!({ "failure": failure.text(self.lang) }),
        };
        let mut report = describe(&checked, text, self.lang);
        let limits = &project.profile().limits;
        report["max_chars"] = json!(limits.max_chars_per_criterion);
        report["min_pages"] = json!(limits.min_pages);
        report["max_pages"] = json!(limits.max_pages);
        if let Some(doc) = project.document(&checked) {
            let counts = crate::check::criterion_chars(doc);
            let counts: Map<String, Json> = counts
                .into_iter()
                .map(|(key, n)| (format!("criteria.{key}"), json!(n)))
                .collect();
            report["counts"] = Json::Object(counts);
        }
        if limits.min_pages.is_some() || limits.max_pages.is_some() {
            report["pages"] = json!(project.page_count(&checked).ok());
        }
        if !checked.failed(false) {
            if let Ok(html) = project.export(&checked, Format::Html) {
                let mut state = self.lock();
                if state.previewed.as_deref() != Some(text) {
                    state.preview = html.bytes.into();
                    state.preview_version += 1;
                    state.previewed = Some(text.to_string());
                }
            }
        }
        report["preview"] = json!(self.lock().preview_version);
        report
    }

    /// The PDF of what the preview shows, made when first asked for.
    fn pdf(&self) -> Answer {
        let Some(text) = self.lock().previewed.clone() else {
            return Answer::status("404 Not Found");
        };
        if let Some((made, bytes)) = &self.lock().pdf {
            if *made == text {
                return pdf_answer(bytes.clone());
            }
        }
        let made = Project::new(&*self.world, self.settings.clone()).and_then(|project| {
            let checked = project.check_text(&self.path, &text, Purpose::Build)?;
            project.export(&checked, Format::Pdf)
        });
        match made {
            Ok(exported) => {
                let bytes: Arc<[u8]> = exported.bytes.into();
                self.lock().pdf = Some((text, bytes.clone()));
                pdf_answer(bytes)
            }
            Err(failure) => self.failure(&failure),
        }
    }
}

fn pdf_answer(body: Arc<[u8]>) -> Answer {
    Answer::Whole {
        status: "200 OK",
        kind: "application/pdf",
        body,
    }
}

/// The fields a request changes, in form order, as `(path, value)`, with the value each had
/// when the page read it (a save names it: `{"changes": {path: {"base": …, "value": …}}}`;
/// a check sends the values alone). `None` for anything else, or a path not in the form.
type Changes = (Vec<(String, Json)>, Map<String, Json>);

fn changes(body: &[u8]) -> Option<Changes> {
    let asked: Json = serde_json::from_slice(body).ok()?;
    let changes = asked.get("changes")?.as_object()?;
    let known = form::paths();
    if changes.keys().any(|k| !known.contains(&k.as_str())) {
        return None;
    }
    let mut values = Vec::new();
    let mut bases = Map::new();
    for path in known {
        let Some(change) = changes.get(path) else {
            continue;
        };
        let value = match change {
            Json::Object(c) if c.contains_key("value") => {
                if let Some(base) = c.get("base") {
                    bases.insert(path.to_string(), base.clone());
                }
                c.get("value").cloned()?
            }
            other => other.clone(),
        };
        values.push((path.to_string(), value));
    }
    Some((values, bases))
}

/// The checked card's diagnostics by the field they concern (`general` for the card as a
/// whole), with the counts of errors and warnings.
fn describe(checked: &Checked, text: &str, lang: Lang) -> Json {
    let paths = form::paths();
    let spans = values::field_spans(text, &paths);
    let mut fields: Map<String, Json> = Map::new();
    let mut general = Vec::new();
    let (mut errors, mut warnings) = (0, 0);
    for d in &checked.diagnostics {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Hint => {}
        }
        let said = said(d, &checked.source, lang);
        let field = d
            .message
            .field()
            .or_else(|| {
                d.span
                    .and_then(|s| values::field_at(&spans, s.start).map(str::to_string))
            })
            .filter(|f| paths.contains(&f.as_str()));
        match field {
            Some(f) => {
                let list = fields.entry(f).or_insert_with(|| Json::Array(Vec::new()));
                if let Json::Array(list) = list {
                    list.push(said);
                }
            }
            None => general.push(said),
        }
    }
    json!({ "fields": fields, "general": general, "errors": errors, "warnings": warnings })
}

fn said(d: &Diagnostic, source: &SourceFile, lang: Lang) -> Json {
    let line = d.span.map(|s| source.position(s.start).line);
    json!({
        "severity": d.severity,
        "code": d.code(),
        "message": d.text(lang),
        "hints": d.hints(lang),
        "line": line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::MemoryWorld;

    /// The card in memory; `None` until the first save.
    struct MemoryCard(Arc<Mutex<Option<String>>>);

    impl CardFile for MemoryCard {
        fn read(&self) -> Result<Option<String>, Failure> {
            Ok(self.0.lock().unwrap().clone())
        }
        fn write(&self, text: &str) -> Result<(), Failure> {
            *self.0.lock().unwrap() = Some(text.to_string());
            Ok(())
        }
    }

    const CARD: &str =
        "# моя карточка\ntitle = \"Практика\"\n\n[criteria]\ngoal = \"Цель\" # цель\n";

    fn session(text: Option<&str>) -> (Session, Arc<Mutex<Option<String>>>) {
        let disk = Arc::new(Mutex::new(text.map(str::to_string)));
        let file = Box::new(MemoryCard(disk.clone()));
        let world = Arc::new(MemoryWorld::new());
        let path = Path::new("card.toml");
        let session = Session::new(world, Settings::default(), path, file, 8080, "t0k".into());
        (session.unwrap(), disk)
    }

    fn post(path: &str, body: Json) -> Request {
        Request {
            method: "POST".into(),
            target: path.into(),
            host: Some("127.0.0.1:8080".into()),
            origin: Some("http://127.0.0.1:8080".into()),
            token: Some("t0k".into()),
            body: serde_json::to_vec(&body).unwrap(),
        }
    }

    fn json_of(answer: Answer) -> (&'static str, Json) {
        match answer {
            Answer::Whole { status, body, .. } => {
                (status, serde_json::from_slice(&body).unwrap_or(Json::Null))
            }
            Answer::Events => ("events", Json::Null),
        }
    }

    #[test]
    fn a_save_writes_only_the_changed_value() {
        let (session, disk) = session(Some(CARD));
        let save = json!({"changes": {"criteria.goal": {"base": "Цель", "value": "Новая цель"}}});
        let (status, answer) = json_of(session.handle(&post("/api/save", save)));
        assert_eq!(status, "200 OK", "{answer}");
        let text = disk.lock().unwrap().clone().unwrap();
        assert_eq!(text, CARD.replace("\"Цель\"", "\"Новая цель\""));
        assert_eq!(answer["version"], json!(2));
        let problems = &answer["report"]["fields"]["criteria.problem"];
        assert!(
            problems[0]["message"]
                .as_str()
                .unwrap()
                .contains("Проблема"),
            "{problems}"
        );
    }

    #[test]
    fn a_field_changed_on_disk_meanwhile_is_a_conflict_and_nothing_is_written() {
        let (session, disk) = session(Some(CARD));
        let elsewhere = CARD.replace("\"Цель\"", "\"Цель из другой программы\"");
        *disk.lock().unwrap() = Some(elsewhere.clone());
        let save = json!({"changes": {"criteria.goal": {"base": "Цель", "value": "Моя"}}});
        let (status, answer) = json_of(session.handle(&post("/api/save", save)));
        assert_eq!(status, "409 Conflict");
        assert_eq!(
            answer["conflicts"]["criteria.goal"],
            json!("Цель из другой программы")
        );
        assert_eq!(disk.lock().unwrap().as_deref(), Some(elsewhere.as_str()));
        // another field saves: the file's change is kept
        let save = json!({"changes": {"title": {"base": "Практика", "value": "Новое"}}});
        let (status, _) = json_of(session.handle(&post("/api/save", save)));
        assert_eq!(status, "200 OK");
        let text = disk.lock().unwrap().clone().unwrap();
        assert!(text.contains("Цель из другой программы") && text.contains("\"Новое\""));
    }

    #[test]
    fn foreign_requests_are_refused() {
        let (session, disk) = session(Some(CARD));
        let save = json!({"changes": {"title": {"base": "Практика", "value": "Взлом"}}});
        let good = post("/api/save", save);
        let bad = [
            Request {
                origin: Some("http://evil.example".into()),
                ..good.clone()
            },
            Request {
                origin: None,
                ..good.clone()
            },
            Request {
                host: Some("evil.example:8080".into()),
                ..good.clone()
            },
            Request {
                token: None,
                ..good.clone()
            },
            Request {
                token: Some("t0K".into()),
                ..good.clone()
            },
        ];
        for request in bad {
            assert_eq!(session.handle(&request).status_line(), "403 Forbidden");
        }
        let card = Request {
            method: "GET".into(),
            body: Vec::new(),
            ..good.clone()
        };
        for (target, status) in [
            ("/card.toml", "404 Not Found"),
            ("/../card.toml", "404 Not Found"),
        ] {
            let request = Request {
                target: target.into(),
                ..card.clone()
            };
            assert_eq!(session.handle(&request).status_line(), status);
        }
        assert_eq!(disk.lock().unwrap().as_deref(), Some(CARD));
    }

    #[test]
    fn a_control_character_is_refused_beside_its_field() {
        let (session, disk) = session(Some(CARD));
        let save = json!({"changes": {"criteria.goal": {"base": "Цель", "value": "а\u{1b}б"}}});
        let (status, answer) = json_of(session.handle(&post("/api/save", save)));
        assert_eq!(status, "422 Unprocessable Entity");
        let said = answer["refused"]["criteria.goal"].as_str().unwrap();
        assert!(said.contains("позиция 2"), "{said}");
        assert_eq!(disk.lock().unwrap().as_deref(), Some(CARD));
    }

    #[test]
    fn a_new_card_is_written_on_the_first_save() {
        let (session, disk) = session(None);
        let (_, card) = json_of(session.handle(&Request {
            method: "GET".into(),
            target: "/api/card".into(),
            ..post("/", Json::Null)
        }));
        assert_eq!(card["exists"], json!(false));
        let save = json!({"changes": {"criteria.goal": {"base": null, "value": "Цель"}}});
        let (status, _) = json_of(session.handle(&post("/api/save", save)));
        assert_eq!(status, "200 OK");
        assert_eq!(
            disk.lock().unwrap().as_deref(),
            Some("[criteria]\ngoal = \"Цель\"\n")
        );
    }
}
