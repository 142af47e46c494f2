use crate::AppSid;

/// Calls through a TwiML application, with params forwarded to it: the outgoing scope of a
/// capability policy, and the outgoing part of an access token's voice grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    application_sid: AppSid,
    params: Vec<(String, String)>,
}

impl Outgoing {
    pub(crate) fn new(application_sid: AppSid, params: Vec<(String, String)>) -> Outgoing {
        Outgoing {
            application_sid,
            params,
        }
    }

    /// The TwiML application the device calls through.
    pub fn application_sid(&self) -> &AppSid {
        &self.application_sid
    }

    /// The params forwarded to the application, in declaration order.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }
}
