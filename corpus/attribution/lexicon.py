"""The words attribution listens for: reporting verbs, unnamed sources, organisations, titles."""

from __future__ import annotations

from typing import Literal

Gender = Literal["male", "female"]


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


REPORTING_VERBS = words(
    "said says say told tells tell noted notes note added adds add agreed agrees agree "
    "disagreed disagrees disagree believes believe believed recalled recalls recall explained "
    "explains explain argued argues argue claimed claims claim stated insisted insists "
    "insist warned warns warn wrote writes write asked asks suggested suggests suggest "
    "stressed stresses emphasised emphasized emphasises emphasizes maintained maintains "
    "acknowledged acknowledges admitted admits commented comments observed observes replied "
    "replies announced announces confirmed confirms denied denies predicted predicts predict "
    "cautioned cautions conceded concedes countered counters complained complains urged urges "
    "reported reports continued thinks thought fears feared contends contended declared "
    "declares remarked remarks revealed reveals alleged alleges accused accuses criticised "
    "criticized criticises criticizes welcomed welcomes condemned condemns promised promises "
    "vowed vows pledged pledges assured assures tweeted tweets posted posts responded "
    "responds shouted shouts demanded demands quipped quips joked jokes boasted boasts "
    "bragged brags mused muses lamented laments wondered wonders recounted recounts "
    "exclaimed exclaims retorted retorts snapped snaps yelled yells sang sings chanted "
    "wrote texted emailed answered answers offered offers conceded added "
    # more verbs of saying that news writing uses for a source's words
    "concluded concludes stated asserted asserts affirmed reiterated reiterates proclaimed "
    "proclaims explained elaborated clarified reasoned opined confided disclosed "
    "acknowledged advised informed cautioned groused griped grumbled bemoaned decried "
    "scoffed interjected volunteered ventured predicted speculated surmised fumed barked "
    "beamed gushed marveled marvelled raged thundered screamed cried whispered muttered "
    "sighed laughed chuckled questioned remembered reflected repeated charged retaliated "
    "pondered wondered continues"
)

# Verbs that report speech only next to a quote: "“Never,” she laughed." but not
# "The crowd laughed." or "Police questioned the driver."
QUOTE_ONLY_VERBS = word_set(
    "fumed barked beamed gushed marveled marvelled raged thundered screamed cried whispered "
    "muttered sighed laughed chuckled questioned remembered reflected repeated charged "
    "retaliated pondered wondered ventured volunteered informed advised reasoned"
)
# Verbs that may open a sentence before their source: "Said Ana Ruiz, a nurse: “…”"
SENTENCE_INITIAL_VERBS = word_set("said says added adds wrote writes")

PHRASAL_VERBS = (
    "called for",
    "calls for",
    "call for",
    "called on",
    "calls on",
    "pointed out",
    "points out",
    "point out",
    "went on",
    "goes on",
    "shot back",
    "fired back",
    "hit back",
    "chimed in",
    "put it",
    "puts it",
)
# Verbs that take an infinitive without reporting speech: "both agreed to restore a commission".
NOT_BEFORE_TO = word_set(
    "add added adds agree agreed agrees asked asks claimed claims continued feared fears goes "
    "pledged pledges promised promises thought urged urges vowed vows went ventured "
    "volunteered"
)

# The verbs that may come before their subject after a quote: "…,” said Pyotr Svoik.
INVERTED_VERBS = word_set(
    "added adds agreed agrees argued argues asked asks commented comments conceded concedes "
    "continued countered counters declared declares explained explains insisted insists noted "
    "notes observed observes recalled recalls remarked replied replies said says stressed "
    "stresses warned warns writes wrote tweeted tweets posted responded responds shouted "
    "demanded quipped joked boasted bragged mused lamented wondered recounted exclaimed "
    "retorted snapped yelled answered offered sang sings "
    "concluded concludes stated asserted asserts affirmed reiterated proclaimed "
    "proclaims elaborated clarified reasoned opined confided groused griped "
    "grumbled scoffed interjected volunteered ventured fumed barked beamed gushed marveled "
    "marvelled raged thundered screamed cried whispered muttered sighed laughed chuckled "
    "questioned remembered reflected repeated charged retaliated pondered predicted "
    "demands tweeted emailed texted acknowledged cautioned admitted conceded"
)


# Words that may stand between the subject and the verb: "has long argued", "later told".
AUXILIARIES = word_set(
    "again also could earlier first further had has have herself himself itself later long "
    "may might must now often once previously recently should still subsequently themselves "
    "then today will would yesterday"
)

CONNECTIVES = word_set(
    "also although and as because besides but furthermore hence however indeed instead "
    "meanwhile moreover nevertheless nonetheless now since so still then though thus "
    "whereas while yet"
)

# "Experts, however, say": a comma-fenced adverb is not an apposition naming a role.
APPOSITION_ADVERBS = frozenset(
    {
        "however",
        "meanwhile",
        "though",
        "too",
        "also",
        "instead",
        "moreover",
        "nonetheless",
        "nevertheless",
        "indeed",
        "for example",
        "for instance",
        "in turn",
        "in contrast",
        "for his part",
        "for her part",
        "for their part",
        "in response",
        "in a statement",
        "in an interview",
        "on the other hand",
        "in fact",
        "of course",
    }
)

UNNAMED_HEADS = word_set(
    "delegate delegates "
    "activist activists adviser advisers advisor advisors aide aides analyst analysts banker "
    "bankers blogger bloggers businessman businessmen businesswoman campaigner campaigners "
    "colleague colleagues commentator commentators critic critics data diplomat diplomats "
    "doctor doctors driver drivers economist economists engineer engineers estimates expert "
    "experts farmer farmers father figures historian historians insider insiders investor "
    "investors journalist journalists lawyer lawyers local locals man many member members men "
    "minister ministers mother negotiator negotiators nurse nurses observer observers "
    "official officials opponent opponents others parents pensioner pensioners people "
    "politician politicians poll polls public representative representatives researcher "
    "researchers resident residents scholar scholars shopkeeper soldier soldiers some source "
    "sources spokesman spokesperson spokeswoman statistics student students supporter "
    "supporters survey surveys teacher teachers trader traders user users vendor vendors "
    "villager villagers voter voters witness witnesses woman women worker workers"
)

# These head an unnamed source only after a determiner: a bare "Minister" is no source.
UNNAMED_NEEDS_DETERMINER = word_set(
    "father man member members men minister ministers mother public woman women"
)

QUANTIFIERS = word_set(
    "a an both dozens eight few five four group hundreds many most nine number one other "
    "seven several six some ten thousands three two"
)

_DESCRIPTORS = word_set(
    "social media online young elderly older angry ordinary frustrated worried local "
    "anonymous economic foreign former government human independent industry junior leading "
    "military opposition ordinary political prominent rights security senior the top"
)

LOWER_FIRST_WORDS = QUANTIFIERS | UNNAMED_HEADS | _DESCRIPTORS

ORGANISATION_WORDS = word_set(
    "groups organisations organizations ngos parties unions agencies banks "
    "utility utilities operator regulator "
    "administration afp agencies agency alliance ap army assembly association authorities "
    "authority bank banks bbc board bureau cabinet center centre channel club coalition "
    "commission committee companies company congress consulate corp corporation council "
    "council's court daily department directorate embassies embassy federation firm "
    "foundation fund government governments group hospital inc institute interfax itar-tass "
    "kremlin llc ltd magazine military ministries ministry mission movement network news "
    "newspaper ngo office organisation organization parliament party plc police post "
    "presidency press prosecutor's prosecutors radio reuters ria school secretariat senate "
    "service tass television times tv union university watch akimat municipality "
    "hokimiyat mayoralty"
)

# Role nouns that introduce a name in narration: "Shymkent resident Timofei Zaitsev".
ROLE_NOUNS = word_set(
    "activist adviser advisor aide akim ambassador analyst blogger businessman businesswoman "
    "candidate chairman chairwoman chief citizen colleague commander coordinator counterpart "
    "deputy diplomat director doctor driver economist editor envoy expert farmer founder "
    "general governor head journalist lawyer leader manager mayor member minister mp official "
    "owner pensioner politician premier president professor representative researcher "
    "resident secretary senator spokesman spokeswoman student teacher "
    "anchor attorney author candidate chair columnist congressman congresswoman consultant "
    "correspondent commentator co-founder executive host judge legislator lawmaker nominee "
    "officer operative organizer organiser pollster producer prosecutor publisher rapper "
    "reporter singer speaker spokesperson star strategist surrogate treasurer veteran voter "
    "writer actor actress businessman mogul billionaire chairman ceo cfo coach pastor "
    "preacher rabbi comedian daughter son wife husband mother father sister brother "
    "governor-elect opponent rival challenger incumbent representative economist scientist "
    "professor historian "
    # a party label before a name is a role: "Democrat Hillary Clinton", "House Republican X"
    "democrat republican libertarian"
)

TITLES = word_set(
    "Akim Ambassador Bishop Capt Capt. Captain Chairman Chairwoman Chancellor Chief Col Col. "
    "Colonel Commissioner Defence Defense Deputy Director Dr Dr. Economy Father Finance "
    "Foreign Gen Gen. General Gov Gov. Governor Head Imam Interior Judge King Lady Lord Lt "
    "Lt. Major Mayor Minister Minister's Miss Mr Mr. Mrs Mrs. Ms Ms. Patriarch Premier "
    "President Prime Prince Princess Prof Prof. Professor Queen Rev Rev. Secretary Sen Sen. "
    "Senator Sheikh Sir Speaker Vice Rep Rep. Reps. Sens. Congressman Congresswoman Gov. "
    "Lt. Atty. Attorney Chancellor Sec. Supt. Sgt. Sgt Cpl. Adm. Ald. Del. Pres. Justice "
    "Councilman Councilwoman Councillor Chairman Chairwoman Spokesman Spokeswoman "
    "Senators Representatives Governors"
)

HONORIFICS: dict[str, Gender | None] = {
    "Mr": "male",
    "Mr.": "male",
    "Mrs": "female",
    "Mrs.": "female",
    "Ms": "female",
    "Ms.": "female",
    "Miss": "female",
    "Dr": None,
    "Dr.": None,
    "Prof": None,
    "Prof.": None,
    "Sir": "male",
    "Lady": "female",
    "Lord": "male",
}

# Role words that say the person's gender: "Congresswoman Maxine Waters".
_MALE_ROLES = words(
    "actor businessman chairman congressman countryman father husband king son brother "
    "spokesman uncle widower grandfather boyfriend nephew prince"
)
_FEMALE_ROLES = words(
    "actress businesswoman chairwoman congresswoman daughter mother wife queen sister "
    "spokeswoman aunt widow grandmother girlfriend niece princess"
)
GENDERED_ROLES: dict[str, Gender] = {
    **dict.fromkeys(_MALE_ROLES, "male"),
    **dict.fromkeys(_FEMALE_ROLES, "female"),
}
# Capitalised words that never name a person on their own.
NOT_NAMES = word_set(
    "A According After All Although An Analysts And April As Asia At August Before Both But "
    "Central December Each Eastern Europe Every Experts February Friday He Her Here His "
    "However I If In It Its January July June Last Many March May Meanwhile Monday Most Next "
    "Northern November October Official Officials On One Other Others Our Saturday September "
    "Several She Since So Some Southern Sunday That The Their There These They This Those "
    "Though Three Thursday Tuesday Two We Wednesday Western When While Yet You"
)

PARTICLES = word_set("al bin da das de den der di dos du el ibn la le ter van von")

# Capitalised words that start a sentence or a place, never a personal name on their own.
SENTENCE_WORDS = NOT_NAMES | word_set(
    "With Without For From By To Of Under Over Despite During Among Amid Against Like Unlike "
    "Just Only Even Still Now Then Also Not No Yes Why What Who How Where Whether Because "
    "Until Unless Through Throughout Across Around Inside Outside Near Upon Within Before "
    "Democratic Democrat Democrats Republican Republicans GOP Independent Libertarian "
    "American Americans British Russian Chinese Mexican European Muslim Christian Catholic "
    "Jewish Black White Latino Latina Hispanic Asian African Arab Iranian Syrian Israeli "
    "Miss Universe Mother Father Dear Happy Good Great Big Little Old Young Saint St. "
    "North South East West Northern Southern Eastern Western Middle Central New United "
    "Neither Either Nor First Second Finally See Meet Follow Read Watch Team "
    "Later Earlier Afterward Afterwards Today Yesterday Tonight Again Once Here There "
    # a question's auxiliary: "Can Sanders win?", "Did Ruiz know?"
    "Can Could Should Would Did Does Do Is Are Was Were Has Have Had Must Shall "
    "Given Classic Typical Vintage Top"
)
# Words that qualify a title before it ("Former Secretary", "Acting Director"): no given names.
TITLE_MODIFIERS = word_set(
    "former ex then acting deputy vice assistant associate senior chief interim outgoing "
    "incoming late retired top"
)
