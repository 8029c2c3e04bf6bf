//! Walking per-region resource lists: every resource of every covered region, with a region
//! whose list could not be read reported UNKNOWN (never skipped, never passed).

use crate::run::{Context, Outcomes};
use rampart_model::inventory::Regional;

/// Calls `f` on each resource of `list`, region by region. A region whose list is missing
/// yields one UNKNOWN outcome for the region, naming `what` could not be told and why.
pub fn each<'a, T>(
    cx: &Context<'a>,
    out: &mut Outcomes,
    list: &'a Regional<Vec<T>>,
    what: &str,
    mut f: impl FnMut(&mut Outcomes, &'a T),
) {
    for (region, items) in list.iter() {
        match items {
            Ok(items) => {
                for item in items {
                    f(out, item);
                }
            }
            Err(g) => out.unknown(cx.region(region), what, &g),
        }
    }
}

/// Like [`each`], for resources listed per parent (an API's stages): calls `f` on each child of
/// each parent. `children` gives the parent's own resource (for UNKNOWN outcomes) and its child
/// list; a parent whose child list is missing yields one UNKNOWN outcome for the parent.
pub fn each_child<'a, P, C: 'a>(
    cx: &Context<'a>,
    out: &mut Outcomes,
    list: &'a Regional<Vec<P>>,
    what: &str,
    children: impl Fn(
        &'a P,
    ) -> (
        rampart_model::ResourceRef,
        &'a rampart_model::Observed<Vec<C>>,
    ),
    mut f: impl FnMut(&mut Outcomes, &'a P, &'a C),
) {
    each(cx, out, list, what, |out, p| {
        let (parent, kids) = children(p);
        match kids {
            Ok(kids) => {
                for k in kids {
                    f(out, p, k);
                }
            }
            Err(g) => out.unknown(parent, what, g),
        }
    });
}
