//! The entity classes of the ontology and the relation each class gets to a division.

use std::fmt;

/// An entity class of `ig:`; the subclasses (University, ResearchInstitute, Bank)
/// are declared `rdfs:subClassOf` their parents in the ontology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    AdministrativeDivision,
    /// A development zone that speaks like a district (无锡经开区, 如皋高新区): an
    /// administrative division and a platform at once.
    DevelopmentZone,
    Region,
    Country,
    Agency,
    Person,
    Institution,
    University,
    ResearchInstitute,
    Enterprise,
    FinancialInstitution,
    Bank,
    Fund,
    FinancialProduct,
    Program,
    Platform,
    Event,
    Industry,
}

impl Class {
    pub const ALL: [Class; 18] = [
        Class::AdministrativeDivision,
        Class::DevelopmentZone,
        Class::Region,
        Class::Country,
        Class::Agency,
        Class::Person,
        Class::Institution,
        Class::University,
        Class::ResearchInstitute,
        Class::Enterprise,
        Class::FinancialInstitution,
        Class::Bank,
        Class::Fund,
        Class::FinancialProduct,
        Class::Program,
        Class::Platform,
        Class::Event,
        Class::Industry,
    ];

    /// The local name in `ig:`.
    pub fn name(self) -> &'static str {
        match self {
            Class::AdministrativeDivision => "AdministrativeDivision",
            Class::DevelopmentZone => "DevelopmentZone",
            Class::Region => "Region",
            Class::Country => "Country",
            Class::Agency => "Agency",
            Class::Person => "Person",
            Class::Institution => "Institution",
            Class::University => "University",
            Class::ResearchInstitute => "ResearchInstitute",
            Class::Enterprise => "Enterprise",
            Class::FinancialInstitution => "FinancialInstitution",
            Class::Bank => "Bank",
            Class::Fund => "Fund",
            Class::FinancialProduct => "FinancialProduct",
            Class::Program => "Program",
            Class::Platform => "Platform",
            Class::Event => "Event",
            Class::Industry => "Industry",
        }
    }

    /// Parses a class name as the command line or a dictionary gives it (case-insensitive).
    pub fn parse(s: &str) -> Option<Class> {
        Class::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(s.trim()))
    }

    /// The class of SPEC.md this one falls under (University → Institution, Bank → FinancialInstitution).
    pub fn top(self) -> Class {
        match self {
            Class::University | Class::ResearchInstitute => Class::Institution,
            Class::Bank => Class::FinancialInstitution,
            Class::DevelopmentZone => Class::AdministrativeDivision,
            c => c,
        }
    }

    /// The path segment of entity IRIs of this class.
    pub fn slug(self) -> &'static str {
        match self.top() {
            Class::AdministrativeDivision => "division",
            Class::Region => "region",
            Class::Country => "country",
            Class::Agency => "agency",
            Class::Person => "person",
            Class::Institution => "institution",
            Class::Enterprise => "enterprise",
            Class::FinancialInstitution => "financial-institution",
            Class::Fund => "fund",
            Class::FinancialProduct => "financial-product",
            Class::Program => "program",
            Class::Platform => "platform",
            Class::Event => "event",
            _ => "industry",
        }
    }

    /// The `ig:relatedTo` subproperty that links a division to an entity of this class.
    pub fn relation(self) -> &'static str {
        // a zone in another division's text is a place that division hosts
        if self == Class::DevelopmentZone {
            return "hosts";
        }
        match self.top() {
            Class::AdministrativeDivision | Class::Country => "cooperatesWith",
            Class::Region => "participatesIn",
            Class::Agency => "hasAgency",
            Class::Person => "hasOfficial",
            Class::Institution | Class::FinancialInstitution => "partnersWith",
            Class::Enterprise => "hostsEnterprise",
            Class::Fund => "hasFund",
            Class::FinancialProduct => "offersProduct",
            Class::Program => "runsProgram",
            Class::Platform => "hosts",
            Class::Event => "organizesEvent",
            _ => "prioritizesIndustry",
        }
    }

    /// Colour of the class in graph files and pictures (a fixed palette, see README).
    pub fn color(self) -> (u8, u8, u8) {
        match self.top() {
            Class::AdministrativeDivision => (31, 119, 180),
            Class::Region => (174, 199, 232),
            Class::Country => (255, 187, 120),
            Class::Agency => (127, 127, 127),
            Class::Person => (199, 199, 199),
            Class::Institution => (44, 160, 44),
            Class::Enterprise => (140, 86, 75),
            Class::FinancialInstitution => (227, 119, 194),
            Class::Fund => (214, 39, 40),
            Class::FinancialProduct => (255, 152, 150),
            Class::Program => (255, 127, 14),
            Class::Platform => (148, 103, 189),
            Class::Event => (188, 189, 34),
            _ => (23, 190, 207),
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_round_trips_every_class() {
        for c in Class::ALL {
            assert_eq!(Class::parse(c.name()), Some(c));
            assert_eq!(Class::parse(&c.name().to_lowercase()), Some(c));
        }
        assert_eq!(Class::parse("nothing"), None);
    }

    #[test]
    fn subclasses_roll_up_to_spec_classes() {
        assert_eq!(Class::University.top(), Class::Institution);
        assert_eq!(Class::Bank.top(), Class::FinancialInstitution);
        assert_eq!(Class::Program.top(), Class::Program);
        assert_eq!(Class::DevelopmentZone.top(), Class::AdministrativeDivision);
    }
}
