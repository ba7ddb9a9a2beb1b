//! A scripted Verify v1 server for tests of what the app sends and how it takes each answer:
//! it replies to each call with the next canned reply and records the form it received.

use axum::{extract::State, routing::post, Form, Router};
use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex},
};

/// One request the scripted server received: its path and form fields.
pub type Received = (String, HashMap<String, String>);

/// A scripted Verify v1 server: answers each call with the next canned reply and records the
/// form it received.
#[derive(Clone, Default)]
pub struct Scripted {
    replies: Arc<Mutex<VecDeque<Reply>>>,
    pub received: Arc<Mutex<Vec<Received>>>,
}

#[derive(Clone)]
pub enum Reply {
    Json(&'static str),
    Http(u16, &'static str),
}

impl Scripted {
    pub async fn start(replies: Vec<Reply>) -> (Self, String) {
        let scripted = Self {
            replies: Arc::new(Mutex::new(replies.into())),
            ..Self::default()
        };
        let router = Router::new()
            .route("/verify/json", post(answer_start))
            .route("/verify/check/json", post(answer_check))
            .with_state(scripted.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        (scripted, url)
    }

    fn answer(&self, path: &str, form: HashMap<String, String>) -> axum::response::Response {
        use axum::response::IntoResponse;
        self.received.lock().unwrap().push((path.to_owned(), form));
        match self
            .replies
            .lock()
            .unwrap()
            .pop_front()
            .expect("a scripted reply")
        {
            Reply::Json(body) => ([("content-type", "application/json")], body).into_response(),
            Reply::Http(status, body) => {
                (axum::http::StatusCode::from_u16(status).unwrap(), body).into_response()
            }
        }
    }
}

async fn answer_start(
    State(s): State<Scripted>,
    Form(form): Form<HashMap<String, String>>,
) -> axum::response::Response {
    s.answer("/verify/json", form)
}

async fn answer_check(
    State(s): State<Scripted>,
    Form(form): Form<HashMap<String, String>>,
) -> axum::response::Response {
    s.answer("/verify/check/json", form)
}
