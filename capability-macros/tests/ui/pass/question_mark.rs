// Expressions keep their meaning: `?` returns from the enclosing function.
use capability::{ClientName, CapabilityPolicy, capability};

fn policy_for(text: &str) -> Result<CapabilityPolicy, capability::ValueError> {
    Ok(capability! {
        incoming text.parse::<ClientName>()?;
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { user: text };
    })
}

fn main() {
    assert!(policy_for("alice").is_ok());
    assert!(policy_for("bob smith").is_err());
}
