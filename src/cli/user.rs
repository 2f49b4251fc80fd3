//! `tarina user add`: the way in for the first admin, who then manages the others in the staff pages.

use std::io::BufRead as _;

use anyhow::Context as _;

use super::UserAddArgs;
use crate::app::accounts::password::PasswordHasher;
use crate::domain::access::{NewAccount, Password, Role};
use crate::domain::change::Change;
use crate::domain::{Lang, Slug};
use crate::store::{self, DatabaseUrl};

pub async fn add(database: &DatabaseUrl, args: UserAddArgs) -> anyhow::Result<()> {
    let role: Role = args.role.parse()?;
    let language: Lang = args.language.parse().map_err(|_| anyhow::anyhow!("unknown language"))?;
    let organisation = args
        .organisation
        .as_deref()
        .map(|o| Slug::parse(o).with_context(|| format!("{o:?} is not an organisation's slug")))
        .transpose()?;
    let name = args.name.clone().unwrap_or_else(|| args.email.trim().to_owned());
    let account = NewAccount::new(&args.email, &name, role, organisation, language)?;
    // Read before connecting, so that a missing password changes nothing.
    let password = if args.no_password {
        None
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        Some(Password::new(line.trim_end_matches(['\r', '\n']).to_owned())?)
    };
    let store = store::connect(database).await?;
    if let Some(slug) = &account.organisation {
        let (_, cascade) = crate::app::current_outline(store.as_ref()).await?;
        anyhow::ensure!(
            cascade.organisations.iter().any(|o| &o.slug == slug),
            "the city has no organisation {slug}; `tarina export` lists them"
        );
    }
    let change = Change::new(
        "cli:user-add",
        format!("tarina user add --email {} --role {role}", account.email),
    );
    let hasher = PasswordHasher::new(1, 0)?;
    let id = crate::app::accounts::add_account(store.as_ref(), &hasher, &account, password.as_ref(), &change).await?;
    println!("created account {id} for {} as {role}", account.email);
    Ok(())
}
