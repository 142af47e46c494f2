//! The run-time expressions of a `capability!`, `access_token!` or `taskrouter!` invocation
//! are evaluated exactly once each, in the order written, whatever the clauses they sit in.

use std::cell::RefCell;

use capability::{
    AppSid, ClientName, EndpointId, Region, RoomName, TaskRouterUrl, Ttl, WorkerSid, WorkspaceSid,
    access_token, capability, taskrouter,
};

/// Records each evaluation, and returns its value.
struct Log(RefCell<Vec<&'static str>>);

impl Log {
    fn eval<T>(&self, label: &'static str, value: T) -> T {
        self.0.borrow_mut().push(label);
        value
    }
}

#[test]
fn each_param_expression_is_evaluated_once_in_the_order_written() {
    let counter = std::cell::Cell::new(0);
    let next = || {
        counter.set(counter.get() + 1);
        counter.get()
    };
    let policy = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { c: next(), a: next(), "b": next() };
        incoming "alice";
        event_stream { z: next(), y: next() };
    };
    assert_eq!(counter.get(), 5, "each expression evaluated exactly once");
    let params = policy.outgoing().unwrap().params();
    let filters = policy.event_stream().unwrap().filters();
    let pairs = |p: &[(String, String)]| -> Vec<(String, String)> { p.to_vec() };
    assert_eq!(
        pairs(params),
        [("c", "1"), ("a", "2"), ("b", "3")].map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    assert_eq!(
        pairs(filters),
        [("z", "4"), ("y", "5")].map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[test]
fn every_runtime_expression_is_evaluated_once_in_the_order_written() {
    let log = Log(RefCell::new(Vec::new()));
    let bob: ClientName = "bob".parse().unwrap();
    let carol: ClientName = "carol".parse().unwrap();
    let app: AppSid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse().unwrap();
    let ttl = Ttl::try_from(120u64).unwrap();

    let policy = capability! {
        ttl log.eval("ttl", ttl);
        event_stream { f: log.eval("filter", "x") };
        incoming log.eval("bob", &bob);
        outgoing log.eval("sid", app) { p1: log.eval("param 1", 1), p2: log.eval("param 2", 2) };
        incoming "alice";
        incoming log.eval("carol", carol);
    };

    assert_eq!(
        *log.0.borrow(),
        ["ttl", "filter", "bob", "sid", "param 1", "param 2", "carol"]
    );
    assert_eq!(policy.ttl().as_secs(), 120);
    let names: Vec<_> = policy.incoming().iter().map(ClientName::as_str).collect();
    assert_eq!(names, ["bob", "alice", "carol"]);
}

#[test]
fn every_access_token_expression_is_evaluated_once_in_the_order_written() {
    let log = Log(RefCell::new(Vec::new()));
    let identity: ClientName = "alice".parse().unwrap();
    let app: AppSid = "APcccccccccccccccccccccccccccccccc".parse().unwrap();
    let endpoint: EndpointId = "alice:web".parse().unwrap();
    let room: RoomName = "standup".parse().unwrap();
    let region: Region = "ie1".parse().unwrap();
    let ttl = Ttl::try_from(120u64).unwrap();

    let policy = access_token! {
        ttl log.eval("ttl", ttl);
        video { room log.eval("room", &room) };
        voice {
            endpoint log.eval("endpoint", endpoint);
            outgoing log.eval("sid", &app) {
                c: log.eval("param c", 1),
                a: log.eval("param a", 2),
                "b": log.eval("param b", "three"),
            };
            incoming;
        };
        identity log.eval("identity", &identity);
        region log.eval("region", region);
    };

    assert_eq!(
        *log.0.borrow(),
        [
            "ttl", "room", "endpoint", "sid", "param c", "param a", "param b", "identity", "region"
        ]
    );
    assert_eq!(policy.ttl().as_secs(), 120);
    assert_eq!(policy.region().map(Region::as_str), Some("ie1"));
    let voice = policy.voice().unwrap();
    assert!(voice.incoming());
    let params: Vec<(&str, &str)> = voice
        .outgoing()
        .unwrap()
        .params()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(params, [("c", "1"), ("a", "2"), ("b", "three")]);
    assert_eq!(
        policy.grants_json(),
        r#"{"identity":"alice","voice":{"incoming":{"allow":true},"outgoing":{"application_sid":"APcccccccccccccccccccccccccccccccc","params":{"c":"1","a":"2","b":"three"}},"endpoint_id":"alice:web"},"video":{"room":"standup"}}"#
    );
}

#[test]
fn every_taskrouter_expression_is_evaluated_once_in_the_order_written() {
    let log = Log(RefCell::new(Vec::new()));
    let workspace: WorkspaceSid = "WS11111111111111111111111111111111".parse().unwrap();
    let worker: WorkerSid = "WK22222222222222222222222222222222".parse().unwrap();
    let url = |path: &str| -> TaskRouterUrl {
        format!("https://taskrouter.twilio.com/v1/{path}")
            .parse()
            .unwrap()
    };
    let (first, second) = (url("first"), url("second"));
    let ttl = Ttl::try_from(120u64).unwrap();

    let policy = taskrouter! {
        ttl log.eval("ttl", ttl);
        policy GET log.eval("first url", &first) { query_filter { A: required } };
        worker log.eval("worker", worker);
        allow update_self;
        policy POST log.eval("second url", second);
        workspace log.eval("workspace", &workspace);
    };

    assert_eq!(
        *log.0.borrow(),
        ["ttl", "first url", "worker", "second url", "workspace"]
    );
    assert_eq!(policy.ttl().as_secs(), 120);
    assert_eq!(policy.workspace(), &workspace);
    let urls: Vec<&str> = policy
        .custom_policies()
        .iter()
        .map(|p| p.url().as_str())
        .collect();
    assert_eq!(
        urls,
        [
            "https://taskrouter.twilio.com/v1/first",
            "https://taskrouter.twilio.com/v1/second"
        ]
    );
}
