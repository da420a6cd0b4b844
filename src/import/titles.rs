//! Titles of posts ("Minister of Foreign Affairs", "Secretary-General of the United
//! Nations") → role keys of [`ROLE_KEYS`](crate::ROLE_KEYS).

use crate::fold;

/// Words naming institutions rather than persons: a phrase that is about them ("Ministry of
/// Foreign Affairs", "Foreign Office") is not a title.
const INSTITUTIONS: &[&str] = &[
    "ministry",
    "ministries",
    "department",
    "office",
    "embassy",
    "building",
    "palace",
    "committee",
    "cabinet",
    "government",
    "commission",
];

/// Words that make a phrase about someone who does not (or not yet, or no longer) hold the
/// post.
const NOT_HOLDER: &[&str] =
    &["former", "ousted", "exiled", "exile", "candidate", "designate", "ex", "late", "aide"];

/// Legislatures: "President of the Senate" is a speaker.
const LEGISLATURES: &[&str] = &[
    "senate",
    "assembly",
    "parliament",
    "chamber",
    "house",
    "congress",
    "duma",
    "knesset",
    "majlis",
    "majilis",
    "mazhilis",
    "sejm",
    "bundestag",
    "bundesrat",
    "legislature",
    "legislative",
    "diet",
    "cortes",
    "storting",
    "riksdag",
    "folketing",
    "althing",
    "eduskunta",
    "saeima",
    "seimas",
    "riigikogu",
    "verkhovna",
    "rada",
    "jirga",
    "shura",
    "lok",
    "sabha",
    "yuan",
    "soviet",
    "deputies",
];

/// Portfolios in the order they are looked for; in a title naming two ("Minister of
/// Finance and Economy") the one named first wins.
const PORTFOLIOS: &[(&str, &str)] = &[
    ("foreign trade", "trade_minister"),
    ("foreign economic", "economy_minister"),
    ("foreign", "foreign_minister"),
    ("external affairs", "foreign_minister"),
    ("external relations", "foreign_minister"),
    ("defence", "defence_minister"),
    ("defense", "defence_minister"),
    ("armed forces", "defence_minister"),
    ("interior", "interior_minister"),
    ("home affairs", "interior_minister"),
    ("internal affairs", "interior_minister"),
    ("home", "interior_minister"),
    ("finance", "finance_minister"),
    ("finances", "finance_minister"),
    ("treasury", "finance_minister"),
    ("exchequer", "finance_minister"),
    ("economy", "economy_minister"),
    ("economic", "economy_minister"),
    ("economics", "economy_minister"),
    ("justice", "justice_minister"),
    ("trade", "trade_minister"),
    ("commerce", "trade_minister"),
    ("energy", "energy_minister"),
    ("petroleum", "energy_minister"),
    ("oil", "energy_minister"),
    ("health", "health_minister"),
    ("education", "education_minister"),
    ("agriculture", "agriculture_minister"),
    ("agricultural", "agriculture_minister"),
];

/// Branches of defence with ministers of their own, besides the defence minister.
pub(crate) const DEFENCE_BRANCHES: &[&str] =
    &["materiel", "procurement", "production", "personnel", "industry", "industries"];

/// Whether folded title words name a junior post: a deputy, assistant or under-secretary,
/// a state minister ("State Minister for Defence") or a minister delegate ("Minister
/// Delegate to the Minister of Finance").
pub(crate) fn is_junior(words: &[&str]) -> bool {
    const JUNIOR: &[&str] =
        &["deputy", "vice", "assistant", "junior", "under", "undersecretary", "delegate"];
    words.iter().any(|w| JUNIOR.contains(w))
        || words.windows(2).any(|p| p == ["state", "minister"] || p == ["minister", "delegate"])
}

/// The role key a title stands for, or `None` when the title names no role of the
/// vocabulary (or names an institution, or a former or junior holder).
///
/// The title is folded and read word by word; the rules are English-language and cover
/// the titles of Wikidata position labels, news and CAMEO agent dictionaries:
/// ministers by portfolio (`foreign_minister`, …, else `minister`), heads of state and
/// government, deputies, speakers, judges, ambassadors, central bank governors, military
/// chiefs, and the heads of international organizations.
///
/// ```
/// use geopol::import::role_for_title;
/// assert_eq!(role_for_title("Minister of Foreign Affairs"), Some("foreign_minister"));
/// assert_eq!(role_for_title("Foreign Secretary"), Some("foreign_minister"));
/// assert_eq!(role_for_title("Secretary-General of the United Nations"), Some("secretary_general"));
/// assert_eq!(role_for_title("Prime Minister"), Some("head_of_government"));
/// assert_eq!(role_for_title("Deputy Prime Minister"), Some("deputy_head_of_government"));
/// assert_eq!(role_for_title("President"), Some("head_of_state"));
/// assert_eq!(role_for_title("President of the Senate"), Some("speaker"));
/// assert_eq!(role_for_title("Ministry of Foreign Affairs"), None);
/// assert_eq!(role_for_title("Deputy Minister of Finance"), None);
/// ```
pub fn role_for_title(title: &str) -> Option<&'static str> {
    let folded = fold::fold_str(title).replace(['-', '.', ',', '\'', '(', ')', '/'], " ");
    let words: Vec<&str> = folded.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let padded = format!(" {} ", words.join(" "));
    let has = |p: &str| padded.contains(&format!(" {p} "));
    let any = |ps: &[&str]| ps.iter().any(|p| has(p));
    let has_word = |w: &str| words.contains(&w);

    if words.iter().any(|w| NOT_HOLDER.contains(w)) {
        return None;
    }
    // Phrases about an institution ("Foreign Ministry", "Consul General Office"), or cut
    // short before their object ("Ambassador to"), are not titles.
    if any(&["ministry", "ministries", "department", "office", "embassy", "building", "palace"])
        || ["of", "for", "to", "at", "the", "and", "on", "in", "with"]
            .contains(&words[words.len() - 1])
    {
        return None;
    }
    // Staff of an office holder are not the office holder.
    if any(&["adviser", "advisor", "advisers", "advisors", "counselor", "counsellor"])
        || (has("chief of staff") && any(&["president", "vice", "prime", "house", "minister"]))
    {
        return None;
    }
    if has_word("tanaiste") {
        return Some("deputy_head_of_government");
    }
    // Heads of international organizations come first: "Deputy Secretary-General".
    if has("secretary general") {
        if any(&["deputy", "vice"]) {
            return Some("deputy_secretary_general");
        }
        if any(&["assistant", "under", "undersecretary"]) {
            return None;
        }
        return Some("secretary_general");
    }
    if has("director general") {
        return if any(&["deputy", "assistant", "vice"]) { None } else { Some("director_general") };
    }
    if any(&["ambassador", "ambassadors", "envoy", "consul"])
        || has("permanent representative")
        || has("high commissioner to")
    {
        return Some("ambassador");
    }
    if words.iter().any(|w| w.starts_with("spokes")) {
        return Some("spokesperson");
    }
    let minister_like = any(&["minister", "ministers", "secretary", "treasurer", "chancellor"]);
    if !minister_like
        && (has_word("judge")
            || has("justice of")
            || has("chief justice")
            || has("court justice")
            || (any(&["president", "chairman", "chair"]) && has_word("court")))
    {
        return Some("judge");
    }
    if has_word("bank") && any(&["governor", "president", "chairman", "chair", "head"]) {
        if any(&["world", "development", "investment", "asian", "african", "european"]) {
            return Some("chair");
        }
        return Some("central_bank_governor");
    }
    if has("federal reserve") && any(&["chairman", "chair", "chairwoman"]) {
        return Some("central_bank_governor");
    }
    let military = [
        "general", "defence", "defense", "army", "air", "naval", "navy", "armed", "joint",
        "military",
    ];
    if (has("chief of staff")
        || has("chief of the staff")
        || has("chief of general staff")
        || has("chief of the general staff")
        || has("chief of the defence staff")
        || has("chief of defence staff")
        || has("chief of the defense staff")
        || has("chief of army staff")
        || has("chief of air staff")
        || has("chief of naval staff"))
        && military.iter().any(|w| has_word(w))
        || has("commander in chief") && !has_word("police")
        || has("joint chiefs")
        || (has_word("commander") && any(&["army", "armed", "forces", "navy", "military"]))
            && !has_word("police")
        || has("chief of the army")
        || has("chief of defence force")
        || has("chief of the defence force")
    {
        return Some("military_chief");
    }
    let deputy = is_junior(&words);
    // Heads of government, and their deputies.
    if has("prime minister")
        || has_word("premier")
        || has("head of government")
        || has("chief minister")
        || has("first minister")
        || has("minister president")
        || has_word("taoiseach")
        || has("president of the government")
        || has("chairman of the council of ministers")
        || has("president of the council of ministers")
        || has("chairman of the government")
        || has("federal chancellor")
        || (words == ["chancellor"])
        || (has_word("chancellor") && any(&["germany", "austria"]))
    {
        if deputy || has("first deputy") {
            return Some("deputy_head_of_government");
        }
        return Some("head_of_government");
    }
    if has("vice president") || has("vice chancellor") && any(&["germany", "austria"]) {
        if words.iter().any(|w| INSTITUTIONS.contains(w) || LEGISLATURES.contains(w))
            || any(&["bank", "court", "party", "council", "union", "league", "organization"])
        {
            return None;
        }
        return Some(if has_word("chancellor") {
            "deputy_head_of_government"
        } else {
            "deputy_head_of_state"
        });
    }
    if words.iter().any(|w| INSTITUTIONS.contains(w)) && !any(&["minister", "secretary"]) {
        return None;
    }
    if any(&["ministry", "ministries", "department", "office"]) {
        return None;
    }
    // Ministers.
    let cabinet_secretary = has("secretary of state")
        || has("secretary of")
        || has("foreign secretary")
        || has("home secretary")
        || has("defence secretary")
        || has("defense secretary")
        || has("treasury secretary")
        || has("chancellor of the exchequer")
        || words == ["treasurer"]
        || has("federal treasurer");
    if has_word("minister") || cabinet_secretary {
        if deputy
            || has("minister of state")
            || has("state secretary")
            || has("parliamentary secretary")
        {
            return None;
        }
        if has("minister without portfolio") {
            return Some("minister");
        }
        if words == ["secretary", "of", "state"] {
            return None;
        }
        let mut best: Option<(usize, &'static str)> = None;
        for (p, role) in PORTFOLIOS {
            if let Some(at) = padded.find(&format!(" {p} ")) {
                if best.is_none_or(|(b, _)| at < b) {
                    best = Some((at, role));
                }
            }
        }
        if words == ["treasurer"] || has("federal treasurer") || has("exchequer") {
            return Some("finance_minister");
        }
        // A branch of defence with a minister of its own ("Minister for Defence Materiel",
        // "Minister of Defence Production") is not the defence ministry.
        if matches!(best, Some((_, "defence_minister"))) && any(DEFENCE_BRANCHES) {
            return Some("minister");
        }
        return Some(best.map_or("minister", |(_, r)| r));
    }
    // Speakers, legislators, party leaders.
    if has_word("speaker") {
        return if deputy { None } else { Some("speaker") };
    }
    let chairs = [
        "president",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "head",
        "leader",
        "marshal",
    ];
    if any(&chairs) && words.iter().any(|w| LEGISLATURES.contains(w)) {
        return if deputy { None } else { Some("speaker") };
    }
    if has("member of parliament")
        || has_word("senator")
        || has_word("mp")
        || has_word("mps")
        || has("member of the") && words.iter().any(|w| LEGISLATURES.contains(w))
        || has_word("legislator")
        || has_word("lawmaker")
        || has_word("parliamentarian")
    {
        return Some("legislator");
    }
    if has("leader of the opposition") || has("opposition leader") {
        return Some("opposition");
    }
    if has_word("party") && any(&chairs) {
        return Some("party_leader");
    }
    if deputy {
        return None;
    }
    // Heads of state.
    let orgish = [
        "council",
        "union",
        "league",
        "organization",
        "organisation",
        "association",
        "fund",
        "agency",
        "board",
        "tribunal",
        "conference",
        "forum",
        "community",
        "committee",
        "commission",
        "group",
        "federation of",
        "club",
        "society",
        "foundation",
        "institute",
        "university",
        "company",
        "corporation",
    ];
    if any(&["president", "chairman", "chairwoman", "chairperson", "chair"]) {
        if orgish.iter().any(|w| has(w)) && !has("russian federation") {
            return Some("chair");
        }
        if any(&["president", "chairman"]) && !has("of the board") {
            return Some("head_of_state");
        }
        return Some("chair");
    }
    if any(&[
        "king",
        "queen",
        "emir",
        "amir",
        "sultan",
        "monarch",
        "emperor",
        "grand duke",
        "head of state",
        "captain regent",
        "supreme leader",
    ]) && !any(&["consort", "mother", "regent of"])
    {
        return Some("head_of_state");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::role_for_title as r;

    #[test]
    fn ministers() {
        assert_eq!(r("Minister of Foreign Affairs"), Some("foreign_minister"));
        assert_eq!(r("Minister for Foreign Affairs of Greece"), Some("foreign_minister"));
        assert_eq!(r("Minister of Foreign Affairs, Turkey"), Some("foreign_minister"));
        assert_eq!(r("Foreign Minister"), Some("foreign_minister"));
        assert_eq!(r("Minister of External Affairs"), Some("foreign_minister"));
        assert_eq!(r("Minister of Defence"), Some("defence_minister"));
        assert_eq!(r("United States Secretary of Defense"), Some("defence_minister"));
        assert_eq!(r("Secretary of State for Defence"), Some("defence_minister"));
        assert_eq!(r("Minister for Defence Materiel"), Some("minister"));
        assert_eq!(r("Minister of Defence Production"), Some("minister"));
        assert_eq!(r("Minister of Defence and Veterans Affairs"), Some("defence_minister"));
        assert_eq!(r("State Minister for Defence"), None);
        assert_eq!(r("Minister Delegate to the Minister of Finance"), None);
        assert_eq!(r("Minister of Foreign Trade"), Some("trade_minister"));
        assert_eq!(r("Minister of Industry and Foreign Trade"), Some("trade_minister"));
        assert_eq!(r("Minister of Foreign Affairs and Foreign Trade"), Some("foreign_minister"));
        assert_eq!(r("Minister of the Interior"), Some("interior_minister"));
        assert_eq!(r("Home Secretary"), Some("interior_minister"));
        assert_eq!(r("Minister of Treasury and Finance"), Some("finance_minister"));
        assert_eq!(r("Chancellor of the Exchequer"), Some("finance_minister"));
        assert_eq!(r("Treasurer"), Some("finance_minister"));
        assert_eq!(r("Minister of Justice"), Some("justice_minister"));
        assert_eq!(r("Minister of Industry and Trade"), Some("trade_minister"));
        assert_eq!(r("Minister of Energy and Natural Resources"), Some("energy_minister"));
        assert_eq!(r("Minister of Health"), Some("health_minister"));
        assert_eq!(r("Minister of Higher Education"), Some("education_minister"));
        assert_eq!(r("Minister of Agriculture"), Some("agriculture_minister"));
        assert_eq!(r("Minister of Culture"), Some("minister"));
        assert_eq!(r("Minister without Portfolio"), Some("minister"));
        assert_eq!(r("Deputy Minister of Finance"), None);
        assert_eq!(r("Minister of State for Foreign Affairs"), None);
        assert_eq!(r("Secretary of State"), None);
        assert_eq!(r("FOREIGN MINISTRY"), None);
        assert_eq!(r("Foreign Office"), None);
        assert_eq!(r("Ousted Foreign Minister"), None);
    }

    #[test]
    fn heads_and_others() {
        assert_eq!(r("President of Kazakhstan"), Some("head_of_state"));
        assert_eq!(r("President of the Russian Federation"), Some("head_of_state"));
        assert_eq!(r("King"), Some("head_of_state"));
        assert_eq!(r("Premier"), Some("head_of_government"));
        assert_eq!(r("Chancellor"), Some("head_of_government"));
        assert_eq!(r("Vice Premier of North Korea"), Some("deputy_head_of_government"));
        assert_eq!(
            r("First Deputy Prime Minister of Kazakhstan"),
            Some("deputy_head_of_government")
        );
        assert_eq!(r("Vice President"), Some("deputy_head_of_state"));
        assert_eq!(r("Chair of the Senate of Kazakhstan"), Some("speaker"));
        assert_eq!(r("Speaker of the Legislative Assembly"), Some("speaker"));
        assert_eq!(r("President of the Chamber of Deputies of Mexico"), Some("speaker"));
        assert_eq!(r("Justice of the Supreme Court"), Some("judge"));
        assert_eq!(r("Judge of the International Court of Justice"), Some("judge"));
        assert_eq!(r("Governor of the National Bank of Kazakhstan"), Some("central_bank_governor"));
        assert_eq!(r("President of the World Bank"), Some("chair"));
        assert_eq!(r("ambassador to Kazakhstan"), Some("ambassador"));
        assert_eq!(r("Permanent Representative to the United Nations"), Some("ambassador"));
        assert_eq!(r("Chief of the General Staff"), Some("military_chief"));
        assert_eq!(r("White House Chief of Staff"), None);
        assert_eq!(
            r("Deputy Secretary-General of the United Nations"),
            Some("deputy_secretary_general")
        );
        assert_eq!(r("Under-Secretary-General of the United Nations"), None);
        assert_eq!(r("Director-General of the World Trade Organization"), Some("director_general"));
        assert_eq!(r("President of the European Council"), Some("chair"));
        assert_eq!(r("Governor of Ankara"), None);
        assert_eq!(r("First Lady"), None);
        assert_eq!(r("Mayor of Belgrade"), None);
        assert_eq!(r("Chief of Staff to the Vice-President"), None);
        assert_eq!(r("Police Commander-in-Chief"), None);
        assert_eq!(r("Marshal of the Sejm"), Some("speaker"));
        assert_eq!(r("Tánaiste"), Some("deputy_head_of_government"));
        assert_eq!(r("Ambassador To"), None);
        assert_eq!(r("Consul General Office"), None);
    }
}
