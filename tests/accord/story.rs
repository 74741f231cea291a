//! `tests/fixtures/story/`: an invented follow-up story, told over several sources, that uses
//! every capability of data-file format 2. The folder checks clean, and each capability is
//! asserted on the typed dataset, so that the fixture cannot quietly stop exercising one.

use std::path::Path;

use accord::Dataset;
use accord::model::Term;
use accord::model::{
    AgreementStatus, AgreementStatusReport, Channel, Citation, ContributionForm, EventKind,
    EventStatus, Modality, NameForm, OrganizationKind, PartnerRole, Polarity, Quantity,
    RelationKind, SourceKind, TermKind, VersionKind, VotingRule,
};

use crate::{check, rendered};

const STORY: &str = "tests/fixtures/story";

fn story() -> Dataset {
    accord::Dataset::load(&[STORY.into()], &Default::default())
        .unwrap_or_else(|e| panic!("the story loads: {e}"))
        .dataset
}

#[test]
fn the_story_checks_clean() {
    let run = check(&[Path::new(STORY)]);
    assert_eq!(rendered(&run), "", "the story has findings");
    assert!(run.diagnostics.is_empty());
    assert!(
        run.files_checked >= 5,
        "the story is split over several files"
    );
}

/// Every citation of the dataset, wherever in a record it sits.
fn citations(data: &Dataset) -> Vec<&Citation> {
    let mut all: Vec<&Citation> = Vec::new();
    fn statuses<'a>(all: &mut Vec<&'a Citation>, reports: &'a [AgreementStatusReport]) {
        for report in reports {
            all.extend(report.citations.iter());
        }
    }
    for person in &data.people {
        all.extend(person.citations.iter());
        for holding in &person.holds {
            all.extend(holding.citations.iter());
        }
    }
    for organization in &data.organizations {
        all.extend(organization.citations.iter());
    }
    for office in &data.offices {
        all.extend(office.citations.iter());
    }
    for event in &data.events {
        all.extend(event.citations.iter());
        for report in event.status.iter() {
            all.extend(report.citations.iter());
        }
        for report in &event.reported_participants {
            all.extend(report.citations.iter());
        }
    }
    for agreement in &data.agreements {
        all.extend(agreement.citations.iter());
        statuses(&mut all, &agreement.status);
        for name in agreement.names.iter() {
            all.extend(name.citations.iter());
        }
        for version in &agreement.versions {
            all.extend(version.citations.iter());
            statuses(&mut all, &version.status);
            for name in &version.names {
                all.extend(name.citations.iter());
            }
        }
        for term in &agreement.terms {
            all.extend(term.citations.iter());
        }
        for relation in &agreement.relations {
            all.extend(relation.citations.iter());
        }
    }
    for fund in &data.funds {
        all.extend(fund.citations.iter());
        for name in fund.names.iter() {
            all.extend(name.citations.iter());
        }
        if let Some(form) = &fund.legal_form {
            all.extend(form.citations.iter());
        }
        for partner in &fund.partners {
            all.extend(partner.citations.iter());
        }
        for contribution in &fund.contributions {
            all.extend(contribution.citations.iter());
        }
        for provision in fund.governance.iter().chain(&fund.distribution) {
            all.extend(provision.citations.iter());
        }
    }
    for claim in &data.claims {
        all.extend(claim.citations.iter());
    }
    for resource in &data.resources {
        all.extend(resource.citations.iter());
    }
    for topic in &data.topics {
        all.extend(topic.citations.iter());
    }
    all
}

/// Every quantity of the dataset: in terms, contributions and fund provisions.
fn quantities(data: &Dataset) -> Vec<&Quantity> {
    let terms = data
        .agreements
        .iter()
        .flat_map(|a| &a.terms)
        .flat_map(|t| &t.quantities);
    let funds = data.funds.iter().flat_map(|fund| {
        fund.contributions.iter().flat_map(|c| &c.quantities).chain(
            fund.governance
                .iter()
                .chain(&fund.distribution)
                .flat_map(|p| &p.quantities),
        )
    });
    terms.chain(funds).collect()
}

fn terms(data: &Dataset) -> impl Iterator<Item = &Term> {
    data.agreements.iter().flat_map(|a| &a.terms)
}

#[test]
fn the_story_uses_agreement_versions_relations_and_terms() {
    let data = story();

    let agreement = data
        .agreements
        .iter()
        .find(|a| a.versions.len() >= 2)
        .expect("an agreement with two versions or more");
    let kinds: Vec<VersionKind> = agreement.versions.iter().map(|v| v.kind).collect();
    assert!(
        kinds.contains(&VersionKind::Draft) && kinds.contains(&VersionKind::Signed),
        "the agreement has a draft and a signed text, not {kinds:?}"
    );
    let version_names: Vec<&str> = agreement
        .versions
        .iter()
        .flat_map(|v| &v.names)
        .map(|n| n.name.as_str())
        .collect();
    assert!(
        version_names.len() >= 2 && version_names[0] != version_names[1],
        "the draft and the signed text carry different names: {version_names:?}"
    );
    assert!(
        agreement.versions.iter().any(|v| v.date.is_some()),
        "a version has its own date"
    );
    assert!(
        agreement.versions.iter().any(|v| !v.status.is_empty()),
        "a version has its own status history"
    );

    let signed: Vec<&str> = agreement
        .versions
        .iter()
        .filter(|v| v.kind == VersionKind::Signed)
        .map(|v| v.id.as_str())
        .collect();
    assert!(
        agreement
            .terms
            .iter()
            .any(|t| !t.versions.is_empty()
                && t.versions.iter().all(|v| !signed.contains(&v.as_str()))),
        "a term of the draft is gone from the signed text (its versions omit {signed:?})"
    );
    assert!(
        agreement.terms.iter().any(|t| t.versions.len() >= 2),
        "a term is in both texts"
    );

    let relation = data
        .agreements
        .iter()
        .flat_map(|a| &a.relations)
        .find(|r| r.kind == RelationKind::Implements)
        .expect("a relation of kind implements");
    assert_eq!(
        relation.agreement, agreement.id,
        "the implementing agreement implements the agreement with versions"
    );

    assert!(
        terms(&data)
            .any(|t| t.polarity == Polarity::Negative && t.kind == TermKind::DebtOrRepayment),
        "a negative term: no repayment obligation"
    );
    assert!(
        terms(&data).any(|t| t.wording.is_some()),
        "a term quotes the agreement's wording"
    );
    assert!(
        terms(&data).any(|t| t.kind == TermKind::Exclusion && !t.resources.is_empty()),
        "an exclusion of resources"
    );
    assert!(
        terms(&data).any(|t| t.fund.is_some()),
        "a term names the fund it feeds"
    );
}

#[test]
fn the_story_uses_every_kind_of_quantity() {
    let data = story();
    let quantities = quantities(&data);
    let has = |what: &str, test: &dyn Fn(&Quantity) -> bool| {
        assert!(quantities.iter().any(|q| test(q)), "a quantity: {what}");
    };
    has("a share", &|q| matches!(q, Quantity::Share { .. }));
    has("a count", &|q| matches!(q, Quantity::Count { .. }));
    has("a duration", &|q| matches!(q, Quantity::Duration { .. }));
    has(
        "an amount of money in USD",
        &|q| matches!(q, Quantity::Money { currency, .. } if currency.as_str() == "USD"),
    );
    has("a voting rule of unanimity", &|q| {
        matches!(
            q,
            Quantity::VotingRule {
                rule: VotingRule::Unanimity,
                ..
            }
        )
    });
    let seats: Vec<u64> = quantities
        .iter()
        .filter_map(|q| match q {
            Quantity::Count {
                value,
                party: Some(_),
                ..
            } => Some(*value),
            _ => None,
        })
        .collect();
    assert_eq!(seats, [3, 3], "board seats 3 + 3, each with its party");
}

#[test]
fn the_story_uses_status_histories() {
    let data = story();
    let reports: Vec<&AgreementStatusReport> = data
        .agreements
        .iter()
        .flat_map(|a| {
            a.status
                .iter()
                .chain(a.versions.iter().flat_map(|v| &v.status))
        })
        .collect();

    let conflicting: Vec<&&AgreementStatusReport> =
        reports.iter().filter(|r| r.conflicting).collect();
    assert!(
        conflicting.len() >= 2
            && conflicting
                .iter()
                .all(|r| r.status == AgreementStatus::Signed)
            && conflicting[0].date != conflicting[1].date
            && conflicting[0].citations.first().source != conflicting[1].citations.first().source,
        "two sources give different dates for the signature, both kept and marked conflicting"
    );
    for status in [
        AgreementStatus::Drafted,
        AgreementStatus::ToBeSigned,
        AgreementStatus::Approved,
        AgreementStatus::InForce,
    ] {
        assert!(
            reports.iter().any(|r| r.status == status),
            "a status report of {status:?}"
        );
    }
    assert!(
        reports
            .iter()
            .filter(|r| r.status.concerns_one_party())
            .all(|r| r.party.is_some()),
        "every one-party status names its party"
    );

    let ratified = reports
        .iter()
        .find(|r| r.status == AgreementStatus::Ratified && r.party.is_some())
        .expect("a ratification by one party");
    let vote = ratified
        .event
        .as_ref()
        .and_then(|id| data.events.iter().find(|e| &e.id == id))
        .expect("the ratification names its event");
    assert_eq!(
        vote.kind,
        EventKind::ParliamentaryVote,
        "the ratification's event is a parliament's vote"
    );
    let result = vote.vote.as_ref().expect("the vote has its result");
    assert!(
        result.in_favour > result.against && result.bill.is_some(),
        "the vote result has a count and a bill"
    );
    assert!(
        vote.participants.iter().any(|p| data
            .organizations
            .iter()
            .any(|o| o.id.as_str() == p.as_str() && o.kind == OrganizationKind::Legislature)),
        "the vote is the legislature's"
    );
}

#[test]
fn the_story_uses_sub_events_and_reported_participants() {
    let data = story();
    let part = data
        .events
        .iter()
        .find(|e| e.part_of.is_some())
        .expect("an event that is part of another");
    let whole = data
        .events
        .iter()
        .find(|e| Some(&e.id) == part.part_of.as_ref())
        .expect("the event it is part of");
    let last = |statuses: &[accord::model::EventStatusReport]| statuses.last().map(|r| r.status);
    assert_eq!(
        last(&part.status),
        Some(EventStatus::Cancelled),
        "the signing ceremony was cancelled"
    );
    assert_eq!(
        last(&whole.status),
        Some(EventStatus::Occurred),
        "while the summit occurred"
    );
    assert!(
        part.status.iter().any(|r| r.date.is_some()),
        "an event status report has its own date"
    );

    let (event, report) = data
        .events
        .iter()
        .flat_map(|e| e.reported_participants.iter().map(move |r| (e, r)))
        .next()
        .expect("a participant reported by a later source");
    assert!(
        report
            .actors
            .iter()
            .all(|a| !event.participants.contains(a)),
        "the reported participant is not among the event's own participants"
    );
    assert!(
        report
            .citations
            .iter()
            .all(|c| event.citations.iter().all(|own| own.source != c.source)),
        "the reported participant is cited by a source the event itself does not cite"
    );
}

#[test]
fn the_story_uses_funds_with_names_form_partners_and_provisions() {
    let data = story();
    let fund = data
        .funds
        .iter()
        .find(|f| f.names.len() >= 2)
        .expect("a fund with two names or more");
    assert!(
        fund.names.iter().any(|n| n.since.is_some()),
        "a fund name says since when it is used"
    );
    let form = fund.legal_form.as_ref().expect("the fund's legal form");
    assert!(form.law.is_some(), "the legal form names its law");
    assert!(
        fund.partners
            .iter()
            .any(|p| p.role == PartnerRole::GeneralPartner),
        "the fund has a general partner"
    );
    assert!(
        fund.contributions
            .iter()
            .any(|c| c.form == Some(ContributionForm::Cash)
                && c.quantities
                    .iter()
                    .any(|q| matches!(q, Quantity::Money { .. }))),
        "a contribution in money"
    );
    assert!(
        fund.contributions
            .iter()
            .any(|c| c.form == Some(ContributionForm::FutureAid)),
        "future aid counted at its assessed value"
    );
    assert!(
        fund.governance.iter().any(|p| p
            .quantities
            .iter()
            .any(|q| matches!(q, Quantity::VotingRule { .. }))),
        "governance with a voting rule"
    );
    assert!(
        !fund.distribution.is_empty(),
        "a provision on how the fund distributes its proceeds"
    );
    let agreement = fund
        .agreement
        .as_ref()
        .and_then(|id| data.agreements.iter().find(|a| &a.id == id))
        .expect("the fund names the agreement that sets it up");
    assert!(
        agreement
            .relations
            .iter()
            .any(|r| r.kind == RelationKind::Implements),
        "the fund's agreement implements another one"
    );
}

#[test]
fn the_story_uses_citations_sources_and_people_of_format_2() {
    let data = story();
    let all = citations(&data);

    let relayed = all
        .iter()
        .find(|c| !c.relayed_by.is_empty())
        .expect("a citation relayed by an outlet");
    assert!(
        relayed.modality == Modality::Reported && relayed.attribution.is_some(),
        "the relayed words are reported from an anonymous source in the source's words"
    );
    for channel in [Channel::SocialMediaPost, Channel::PressRelease] {
        assert!(
            all.iter().any(|c| c.channel == Some(channel)),
            "a citation with the channel {channel:?}"
        );
    }
    assert!(
        all.iter().any(|c| c.modality == Modality::Analysis),
        "a citation of analysis"
    );
    assert!(
        data.claims.iter().any(|c| c.holders.is_empty()
            && c.citations.iter().all(|c| c.modality == Modality::Analysis)),
        "an analysis claim has no holders"
    );

    let untitled = data
        .sources
        .iter()
        .find(|s| s.title.is_none())
        .expect("a source without a title");
    assert_eq!(
        untitled.kind,
        SourceKind::SocialMediaPost,
        "the source without a title is a social-media post"
    );
    assert!(
        data.sources
            .iter()
            .any(|s| s.excerpt && s.kind == SourceKind::LegalText),
        "a legal text stored as an excerpt"
    );
    for kind in [
        SourceKind::NewsArticle,
        SourceKind::PressRelease,
        SourceKind::SocialMediaPost,
        SourceKind::LegalText,
        SourceKind::ReferenceWork,
        SourceKind::Analysis,
    ] {
        assert!(
            data.sources.iter().any(|s| s.kind == kind),
            "a source of kind {kind:?}"
        );
    }

    assert!(
        data.people
            .iter()
            .any(|p| p.name_form == NameForm::SurnameOnly),
        "a person known by surname only"
    );
    assert!(
        data.organizations
            .iter()
            .any(|o| o.kind == OrganizationKind::Legislature),
        "a legislature"
    );
    assert!(
        data.events
            .iter()
            .filter_map(|e| e.date.as_ref())
            .any(|d| !d.inferred.is_empty() && d.resolution.is_some()),
        "a date with inferred parts and how they were resolved"
    );
}

#[test]
fn the_story_defines_resources_and_topics() {
    let data = story();
    assert!(
        data.resources.iter().any(|r| !r.broader.is_empty()),
        "a resource with a broader one"
    );
    let used: Vec<&str> = terms(&data)
        .flat_map(|t| &t.resources)
        .map(|r| r.as_str())
        .collect();
    assert!(
        data.resources.iter().all(|r| used.contains(&r.id.as_str())),
        "every resource record is used by a term"
    );
    assert!(
        data.topics
            .iter()
            .any(|t| t.iptc.as_ref().map(|c| c.as_str()) == Some("medtop:11000000")),
        "a topic with its IPTC code"
    );
    assert!(
        data.claims.iter().all(|c| !c.topics.is_empty()),
        "every claim names its topics"
    );
}
