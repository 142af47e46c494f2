pub use capability_runtime::*;
