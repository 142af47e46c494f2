//! A checked `taskrouter!` policy to tokens: the runtime's `TaskRouterPolicyBuilder`, through
//! the doc-hidden `::capability::__private_0_1_0` module of the facade.
//!
//! The run-time expressions are bound to hygienic locals in the order written (see
//! [`crate::expand`]); the builder then takes the workspace, the channel, the options in the
//! order of the token and the custom policies in the order written, literals as the checked
//! values they already are (`__checked`). `__build_from_macro` never fails: the macro has
//! checked every rule a literal or a clause can break, and a rule broken by a run-time value
//! makes `sign` fail instead.

use capability_runtime::{Allow, Method};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote_spanned;

use super::validate::{ChannelValue, CustomValue, Kind, Policy};
use super::{TASK_QUEUE_SID, TASKROUTER_URL};
use crate::expand::{BindingKind, Expansion};
use crate::value::{Validated, WORKER_SID, WORKSPACE_SID};

/// The expansion of a checked policy: an expression of type `TaskRouterPolicy`.
pub(crate) fn expand(Validated(bindings, ttl, policy): Validated<Policy, Kind>) -> TokenStream {
    let site = Span::mixed_site();
    let ex = Expansion::new(&bindings);
    let private = &ex.private;

    let workspace = policy.workspace.map(|sid| {
        let sid = ex.checked(&sid, WORKSPACE_SID.ty);
        quote_spanned!(site=> .workspace(#sid))
    });
    let channel = policy.channel.map(|channel| match channel {
        ChannelValue::Worker(sid) => {
            let sid = ex.checked(&sid, WORKER_SID.ty);
            quote_spanned!(site=> .worker(#sid))
        }
        ChannelValue::TaskQueue(sid) => {
            let sid = ex.checked(&sid, TASK_QUEUE_SID.ty);
            quote_spanned!(site=> .task_queue(#sid))
        }
        ChannelValue::Workspace => quote_spanned!(site=> .workspace_channel()),
    });
    let allow = policy.allow.into_iter().map(|option| {
        let option = Ident::new(allow_variant(option), site);
        quote_spanned!(site=> .allow(#private::Allow::#option))
    });
    let policies = policy
        .policies
        .iter()
        .map(|custom| custom_tokens(&ex, custom));
    let ttl = ttl.map(|ttl| {
        let ttl = ex.ttl(&ttl);
        quote_spanned!(site=> .ttl(#ttl))
    });

    let built = quote_spanned! {site=>
        #private::build_taskrouter(
            #private::TaskRouterPolicy::builder()
                #workspace #channel #(#allow)* #(#policies)* #ttl
        )
    };
    ex.with_bindings(&bindings, built)
}

/// `.policy(CustomPolicy::new(url, Method::Post).allowing(false).query_filter("Name", true)…)`.
fn custom_tokens(ex: &Expansion, custom: &CustomValue) -> TokenStream {
    let site = Span::mixed_site();
    let private = &ex.private;
    let url = ex.checked(&custom.url, TASKROUTER_URL.ty);
    let method = Ident::new(method_variant(custom.method), site);
    let allowing = (!custom.allow).then(|| quote_spanned!(site=> .allowing(false)));
    let filter = |method: &str, filter: &[(String, bool)]| {
        let method = Ident::new(method, site);
        let calls = filter
            .iter()
            .map(|(name, required)| quote_spanned!(site=> .#method(#name, #required)));
        quote_spanned!(site=> #(#calls)*)
    };
    let query_filter = filter("query_filter", &custom.query_filter);
    let post_filter = filter("post_filter", &custom.post_filter);
    quote_spanned! {site=>
        .policy(
            #private::CustomPolicy::new(#url, #private::Method::#method)
                #allowing #query_filter #post_filter
        )
    }
}

/// The variant of `Allow` that `option` is, as the expansion names it.
pub(crate) fn allow_variant(option: Allow) -> &'static str {
    match option {
        Allow::UpdateSelf => "UpdateSelf",
        Allow::DeleteSelf => "DeleteSelf",
        Allow::FetchSubresources => "FetchSubresources",
        Allow::DeleteSubresources => "DeleteSubresources",
        Allow::UpdateSubresources => "UpdateSubresources",
        Allow::ActivityUpdates => "ActivityUpdates",
        Allow::ReservationUpdates => "ReservationUpdates",
    }
}

/// The variant of `Method` that `method` is, as the expansion names it.
pub(crate) fn method_variant(method: Method) -> &'static str {
    match method {
        Method::Get => "Get",
        Method::Post => "Post",
        Method::Delete => "Delete",
    }
}

impl BindingKind for Kind {
    fn local_name(self) -> &'static str {
        match self {
            Kind::Checked(checked) => checked.conversion,
            Kind::Ttl => "ttl",
        }
    }

    fn conversion(self) -> Option<&'static str> {
        match self {
            Kind::Checked(checked) => Some(checked.conversion),
            Kind::Ttl => Some("ttl"),
        }
    }
}
