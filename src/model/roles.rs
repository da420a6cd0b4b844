//! The controlled vocabulary of role keys.

/// Every role key a [`Post`](crate::Post) may carry, with its default English title.
///
/// National posts: `head_of_state`, `head_of_government`, `deputy_head_of_state`,
/// `deputy_head_of_government`, the ministries (`foreign_minister`, `defence_minister`,
/// `interior_minister`, `finance_minister`, `economy_minister`, `justice_minister`,
/// `trade_minister`, `energy_minister`, `health_minister`, `education_minister`,
/// `agriculture_minister`, `minister` for any other portfolio), `central_bank_governor`,
/// `speaker`, `legislator`, `ambassador`, `spokesperson`, `military_chief`, `judge`.
/// International posts: `secretary_general`, `deputy_secretary_general`,
/// `director_general`, `chair` (president or chair of an organization or its organ),
/// `head_of_organization` (any other top post). Coarse roles kept from event-coding
/// dictionaries: `government`, `military`, `opposition`, `party_leader`, `other`.
pub const ROLE_KEYS: &[(&str, &str)] = &[
    ("head_of_state", "Head of State"),
    ("head_of_government", "Head of Government"),
    ("deputy_head_of_state", "Vice President"),
    ("deputy_head_of_government", "Deputy Prime Minister"),
    ("foreign_minister", "Foreign Minister"),
    ("defence_minister", "Defence Minister"),
    ("interior_minister", "Interior Minister"),
    ("finance_minister", "Finance Minister"),
    ("economy_minister", "Economy Minister"),
    ("justice_minister", "Justice Minister"),
    ("trade_minister", "Trade Minister"),
    ("energy_minister", "Energy Minister"),
    ("health_minister", "Health Minister"),
    ("education_minister", "Education Minister"),
    ("agriculture_minister", "Agriculture Minister"),
    ("minister", "Minister"),
    ("central_bank_governor", "Central Bank Governor"),
    ("speaker", "Speaker"),
    ("legislator", "Legislator"),
    ("ambassador", "Ambassador"),
    ("spokesperson", "Spokesperson"),
    ("military_chief", "Chief of Staff"),
    ("judge", "Judge"),
    ("secretary_general", "Secretary General"),
    ("deputy_secretary_general", "Deputy Secretary General"),
    ("director_general", "Director General"),
    ("chair", "Chair"),
    ("head_of_organization", "Head"),
    ("government", "Government Official"),
    ("military", "Military Official"),
    ("opposition", "Opposition Figure"),
    ("party_leader", "Party Leader"),
    ("other", "Official"),
];

/// The default English title of a role key, or `None` when the key is not in
/// [`ROLE_KEYS`].
///
/// ```
/// assert_eq!(geopol::role_title("foreign_minister"), Some("Foreign Minister"));
/// assert_eq!(geopol::role_title("wizard"), None);
/// ```
pub fn role_title(key: &str) -> Option<&'static str> {
    ROLE_KEYS.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// How senior a role is, for choosing between people: heads of state and government first,
/// then international heads and senior ministers, other ministers and officials, and last
/// the coarse roles kept from event-coding dictionaries (0).
pub(crate) fn role_rank(key: &str) -> u8 {
    match key {
        "head_of_state" | "head_of_government" => 6,
        "secretary_general" | "director_general" | "head_of_organization" => 5,
        "foreign_minister"
        | "defence_minister"
        | "deputy_head_of_state"
        | "deputy_head_of_government" => 5,
        "interior_minister"
        | "finance_minister"
        | "economy_minister"
        | "justice_minister"
        | "central_bank_governor"
        | "chair" => 4,
        "trade_minister"
        | "energy_minister"
        | "health_minister"
        | "education_minister"
        | "agriculture_minister"
        | "minister"
        | "deputy_secretary_general"
        | "speaker"
        | "military_chief" => 3,
        "ambassador" | "spokesperson" | "judge" | "legislator" | "party_leader" => 2,
        _ => 0,
    }
}
