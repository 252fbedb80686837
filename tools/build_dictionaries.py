#!/usr/bin/env python3
"""Derive innograph's dictionaries in data/ from the public lists in ../shared/gazetteer-sources.

usage: python3 tools/build_dictionaries.py [SOURCES_DIR]

Writes data/divisions.tsv, data/institutions.tsv and data/finance.tsv. Every row keeps
the list it came from in its last column. Short forms and abbreviations are derived by
rules and kept only where they are unambiguous and not ordinary words: jieba's
dictionary (pip install jieba) tells which candidates are common words of another kind.
The hand-written lists (countries, regions, industries, surnames) live in data/ as
they are and are not touched here.
"""
import csv, os, re, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "gazetteer-sources")

ADMIN_SRC = "admin-divisions (NBS codes 2023-06-30, modood/Administrative-divisions-of-China 57a0aa9)"
TOWNSHIP_SRC = "admin-divisions streets.csv (NBS codes 2023-06-30)"
SAR_SRC = "GB/T 2260 codes for Hong Kong, Macao, Taiwan (not in the NBS lists)"
UNI_SRC = "MoE list of higher-education institutions (all_universities_moe.csv)"
CAS_SRC = "CAS units with official short names (cas_institutes_shortnames.csv)"
BANK_SRC = "bank abbreviations (bank_abbrev_zh.csv)"
SOE_SRC = "central SOEs and policy banks (central_soe_shortnames.csv)"

ETHNIC = ("壮族", "回族", "维吾尔", "藏族", "蒙古族", "朝鲜族", "土家族", "苗族", "彝族", "布依族",
          "侗族", "瑶族", "白族", "哈尼族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "拉祜族",
          "水族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族",
          "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "鄂温克族",
          "德昂族", "保安族", "裕固族", "京族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
          "基诺族", "东乡族", "哈萨克族", "各族", "满族", "蒙古")


def jieba_words():
    try:
        import jieba
    except ImportError:
        sys.exit("build_dictionaries.py: jieba is needed (pip install jieba)")
    words = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


WORDS = jieba_words()
PLACE_TAGS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "j"}


# city short forms that are ordinary words in policy texts (guests, sunshine, opened, headscarf,
# great harmony); jieba's tags do not tell city names from words (宝鸡 n, 大连 d), so for
# prefecture-level cities the short form is kept unless it is one of these
ORDINARY_CITY_WORDS = {"来宾", "日照", "开封", "包头", "大同"}


def usable_short(s, level="county"):
    """A short form is used for matching only if it is not an ordinary word of another kind."""
    if len(s) < 2:
        return False
    if level in ("prefecture", "province"):
        return s not in ORDINARY_CITY_WORDS
    w = WORDS.get(s)
    if w is None:
        return True
    freq, tag = w
    if tag in ("ns", "nrt", "nt", "j"):
        return True
    # nz and nr cover both names and common words: keep only rare ones
    return tag in ("nz", "nr", "nrfg") and freq < 2000


def usable_abbrev(a):
    """A derived university abbreviation must read as an abbreviation or a name,
    not as an ordinary word (长江, 康复, 三大) or a place."""
    w = WORDS.get(a)
    if a[0] in "一二三四五六七八九十百千两":
        return False  # 五大, 四大: counts, not universities
    if len(a) == 2 and not a.endswith("大"):
        # the bare name (清华, 复旦): only where jieba knows it as a name, not a place or word
        return w is not None and w[1] in ("nz", "nt", "j")
    if w is None:
        return len(a) >= 3
    return w[1] in ("j", "nt", "nz", "ns")


def strip_division(name, level):
    s = name
    for suf in ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "林区", "特区",
                "省", "市", "区", "县", "旗", "盟"):
        if s.endswith(suf) and len(s) - len(suf) >= 2:
            s = s[: -len(suf)]
            break
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            if s.endswith(e) and len(s) - len(e) >= 2:
                s = s[: -len(e)]
                changed = True
    return s


def divisions():
    rows = []
    with open(os.path.join(SRC, "admin-divisions", "provinces.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append((r["code"].strip(), r["name"].strip(), "province", "", ADMIN_SRC))
    city_parent = {}
    with open(os.path.join(SRC, "admin-divisions", "cities.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code, name, prov = r["code"].strip(), r["name"].strip(), r["provinceCode"].strip()
            if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                city_parent[code] = prov  # placeholder level: its counties belong to the province
                continue
            city_parent[code] = code
            rows.append((code, name, "prefecture", prov, ADMIN_SRC))
    with open(os.path.join(SRC, "admin-divisions", "areas.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            name = r["name"].strip()
            if name == "市辖区":
                continue
            rows.append((r["code"].strip(), name, "county", city_parent.get(r["cityCode"].strip(), r["provinceCode"].strip()), ADMIN_SRC))
    for code, name in (("81", "香港特别行政区"), ("82", "澳门特别行政区"), ("71", "台湾省")):
        rows.append((code, name, "province", "", SAR_SRC))
    extra = {"81": ["香港"], "82": ["澳门"], "71": ["台湾"]}
    shorts = defaultdict(set)
    for code, name, level, parent, _ in rows:
        s = strip_division(name, level)
        if s != name:
            shorts[s].add(code)
    full = {name for _, name, *_ in rows}
    out = []
    counties = {code for code, _, level, *_ in rows if level == "county"}
    for code, name, level, parent, src in rows:
        s = strip_division(name, level)
        aliases = list(extra.get(code, []))
        # an ambiguous short form stays: resolution picks by context; ordinary words go
        if s != name and s not in full and usable_short(s, level) and s not in aliases:
            aliases.append(s)
        out.append((code, name, level, parent, "|".join(aliases), src))
    return out + townships(counties)


TOWNSHIP_HEADS = ("街道", "镇", "乡", "苏木")


def townships(counties):
    """Towns, townships and subdistricts (街道, 镇, 乡) by their full names only: a name
    such as 城南街道 is shared by many counties, and the text's other divisions choose
    among them. Zone units (codes 4xx: parks, farms, zones) and names in brackets are
    left out, and so are names that are ordinary words of another kind in jieba."""
    out = []
    with open(os.path.join(SRC, "admin-divisions", "streets.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code, name, county = r["code"].strip(), r["name"].strip(), r["areaCode"].strip()
            if code[6] == "4" or county not in counties:
                continue
            if any(ch in name for ch in "（）()") or not name.endswith(TOWNSHIP_HEADS) or len(name) < 3:
                continue
            w = WORDS.get(name)
            if w is not None and w[1] not in PLACE_TAGS:
                continue
            out.append((code, name, "township", county, "", TOWNSHIP_SRC))
    return out


FIELDS = {"理工": "理工", "工业": "工", "师范": "师", "科技": "科", "交通": "交", "医科": "医",
          "农业": "农", "财经": "财", "航空航天": "航", "邮电": "邮", "石油": "石", "海洋": "海",
          "林业": "林", "电子科技": "电"}


def uni_abbrevs(name):
    """Abbreviations by the usual rules; uniqueness is checked by the caller."""
    out = []
    if not name.endswith("大学"):
        return out
    x = name[:-2]
    if len(x) == 2:
        out += [x, x[0] + "大"]
    for field, letter in FIELDS.items():
        if x.endswith(field) and 2 <= len(x) - len(field) <= 3:
            place = x[: -len(field)]
            # 理工 keeps both characters (南理工, 北理工); other fields take one and 大
            out.append(place[0] + field if field == "理工" else place[0] + letter + "大")
            if field == "航空航天":
                out.append(place[0] + "航")
    if len(x) == 4 and x[2:] not in FIELDS:
        out.append(x[0] + x[2] + "大")
    return out


def institutions(division_names):
    rows = []
    with open(os.path.join(SRC, "universities", "all_universities_moe.csv"), encoding="utf-8") as f:
        for r in csv.reader(f):
            if len(r) < 6 or not r[0].strip().isdigit():
                continue
            name = r[1].strip().replace(" ", "")
            if name:
                rows.append([name, "University", [], "", UNI_SRC])
    with open(os.path.join(SRC, "cas-institutes", "cas_institutes_shortnames.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["type"].strip() == "A":
                continue  # administrative offices of the academy, not institutes
            name, short = r["name"].strip(), r["shortname"].strip()
            aliases = []
            if short and short != name:
                aliases += [short, "中科院" + short]
            if name.startswith("中国科学院") and len(name) > 9:
                bare = name[len("中国科学院"):]
                if not bare.startswith(("研究生", "大学")):
                    aliases.append(bare)
            rows.append([name, "ResearchInstitute", aliases, "中国科学院" if name != "中国科学院" else "", CAS_SRC])
    rows.append(["中国科学院", "ResearchInstitute", ["中科院"], "", CAS_SRC])
    # derived university abbreviations, kept only where unique and not a word of another kind
    cand = defaultdict(set)
    for row in rows:
        if row[1] == "University":
            for a in uni_abbrevs(row[0]):
                cand[a].add(row[0])
    names = {row[0] for row in rows}
    for row in rows:
        if row[1] != "University":
            continue
        for a in uni_abbrevs(row[0]):
            if len(cand[a]) == 1 and a not in names and a not in division_names and usable_abbrev(a) \
                    and a not in row[2]:
                row[2].append(a)
    seen, out = set(), []
    for name, cls, aliases, part, src in rows:
        if name in seen:
            continue
        seen.add(name)
        out.append((name, cls, "|".join(aliases), part, src))
    return out


BANK_FULL = {"建设银行": "中国建设银行", "工商银行": "中国工商银行", "农业银行": "中国农业银行",
             "中国银行": "中国银行", "交通银行": "交通银行", "招商银行": "招商银行",
             "邮政储蓄": "中国邮政储蓄银行", "华夏银行": "华夏银行", "平安银行": "平安银行",
             "民生银行": "中国民生银行", "光大银行": "中国光大银行", "中信银行": "中信银行",
             "浦发银行": "上海浦东发展银行", "兴业银行": "兴业银行", "广发银行": "广发银行",
             "盛京银行": "盛京银行", "国家开发银行": "国家开发银行", "中国进出口银行": "中国进出口银行",
             "中国农业发展银行": "中国农业发展银行", "汇丰银行": "汇丰银行", "渣打银行": "渣打银行",
             "花旗银行": "花旗银行", "东亚银行": "东亚银行", "恒生银行": "恒生银行", "大华银行": "大华银行",
             "华侨银行": "华侨银行", "四川天府银行": "四川天府银行", "四川新网银行": "四川新网银行"}
# the list itself says these also name other things; they match only as part of a longer name
AMBIGUOUS_BANK = {"华夏", "平安", "民生", "中信", "兴业", "邮政", "进出口", "农商", "村镇", "东亚",
                  "华侨", "大华", "天府", "新网", "盛京", "广发", "光大"}


def finance():
    banks = defaultdict(list)
    with open(os.path.join(SRC, "finance", "bank_abbrev_zh.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            alias, frag = r["alias"].strip(), r["canonical_fragment"].strip()
            full = BANK_FULL.get(frag)
            if not full:
                continue
            if frag != full and frag not in banks[full]:
                banks[full].append(frag)
            if alias not in AMBIGUOUS_BANK and alias not in banks[full]:
                banks[full].append(alias)
    out = [(full, "Bank", "|".join(a), BANK_SRC) for full, a in banks.items()]
    have = {o[0] for o in out}
    with open(os.path.join(SRC, "finance", "central_soe_shortnames.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            name, short = r["name"].strip(), r["short_name"].strip()
            cls = "Bank" if name.endswith("银行") else "Enterprise"
            if name in have:
                continue
            aliases = [short] if short and short != name else []
            bare = re.sub(r"(集团)?有限(责任)?公司$", "", name)
            if bare != name and bare not in aliases and len(bare) >= 3:
                aliases.append(bare)
            out.append((name, cls, "|".join(aliases), SOE_SRC))
    return out


WORD_CLASS_TAGS = {"v": "verb", "d": "adverb", "p": "preposition", "c": "conjunction", "r": "pronoun",
                   "y": "particle", "t": "time", "f": "locality"}


def word_classes():
    """Words of jieba's dictionary that end a phrase without naming a thing: verbs, adverbs,
    prepositions, conjunctions, pronouns, particles, time and locality words (tags v, d, p, c, r,
    u*, y, t, f) of two or three characters, and of one where it is a function word (p, u*, r, c, d),
    used at least 500 times in jieba's corpus. A figure's
    measure that ends in one (推荐35家, 目前有12项, 也汇集了14所) is no noun phrase."""
    out = []
    for w, (freq, tag) in sorted(WORDS.items()):
        cls = "particle" if tag.startswith("u") else WORD_CLASS_TAGS.get(tag)
        # one character alone is a function word only when it is one (了, 由, 这); a
        # one-character verb or locality word also ends nouns (率, 量, 中)
        # (地 is a particle and the last character of 基地, 用地: left out)
        short_ok = len(w) >= 2 or (cls in ("preposition", "particle", "pronoun", "conjunction", "adverb")
                                   and w not in ("地",))
        if cls and short_ok and len(w) <= 3 and freq >= 500 and all("\u4e00" <= ch <= "\u9fff" for ch in w):
            out.append((w, cls))
    return out


def write(path, header, rows):
    with open(os.path.join(DATA, path), "w", encoding="utf-8", newline="") as f:
        f.write("# generated by tools/build_dictionaries.py from ../shared/gazetteer-sources; do not edit by hand\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")


def main():
    divs = divisions()
    write("divisions.tsv", ["code", "name", "level", "parent", "aliases", "source"], divs)
    names = {d[1] for d in divs} | {a for d in divs for a in d[4].split("|") if a}
    write("institutions.tsv", ["name", "class", "aliases", "part_of", "source"], institutions(names))
    write("finance.tsv", ["name", "class", "aliases", "source"], finance())
    with open(os.path.join(DATA, "lexicon", "word_classes.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("# Words that end a phrase without naming a thing: verbs, adverbs, prepositions, conjunctions,\n"
                "# pronouns, particles, time and locality words (推荐, 目前, 已经, 由, 这).\n"
                "# source: jieba's dictionary (dict.txt of the jieba package, MIT licence), its word classes.\n"
                "# derived: generated by tools/build_dictionaries.py: words of one to three characters tagged v, d, p,\n"
                "#   c, r, u*, y, t or f (one-character words only p, u*, r, c, d) and used at least 500 times in\n"
                "#   jieba's corpus; do not edit by hand.\n")
        f.write("word\tclass\n")
        for w, cls in word_classes():
            f.write(f"{w}\t{cls}\n")


if __name__ == "__main__":
    main()
