#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Generates app/text/redact_names.h, the name list of redact_names.c.

Run by hand when the sources change (the build does not run it):

    apt-get download python3-fake-factory php-faker
    mkdir x && for f in *.deb; do dpkg -x $f x; done
    python3 app/text/redact_names.py x ../shared/data > app/text/redact_names.h

Sources (both MIT / Expat, see docs/redaction.md): Faker for Python
(python3-fake-factory, Debian bookworm 0.9.3-2) person providers `en` and
`en_GB`; Faker for PHP (php-faker, Debian bookworm) `en_GB/Person.php`;
plus the Welsh first names and UK and Welsh surnames below, written for
Your Voice. A name is flagged "common" (trusted only in a strong context)
when it is also an everyday word: listed below, or seen in lower case at
least 3 times in the shared English answer sets, or in the 2,500 most
frequent Welsh words (except the Welsh names below, which are not words).
"""
import ast
import collections
import json
import re
import sys

DROP = set("""
    Author America Baby Block Brain Branch Carry Case Chance Colon Doctor Friend General
    Hand Judge Lady Less Link Little Long Love Male Media Meta Press Reason Red River Roll
    Rush Sister Son Spring Star Unknown Versa Ward White Worth Young Early Echo Else Emit
    Ever Job Journey Lucky Pleasant Sincere Sing Skip True Unique Math Mart Dock Doc Add
    Arch Art Aura Harm Tea Tiny Trace Ole Le Ras Ean Con Tab Ell Wing Page Park Major
    Patience Faith Hope Summer Ember Sage Mac Van Tad Ace Kip Cal Cam Bo Ty Mat Codi Mai
    Tai Tal Isa Ina Ora Mae Del Dot Val Nat Pat Ed Al Ab Lex Max May Will Grant Rich Ray
    Don Rice Ruby Press Cook Bell Walker Price Hart Lang Long Marks
""".split())  # words first, names rarely: left out altogether

WELSH_FIRST = """
    Aled Alun Aneurin Angharad Anwen Arwel Arwyn Bethan Bleddyn Branwen Bryn Brynmor Carwyn
    Caryl Carys Catrin Cai Cadi Cerys Ceri Cledwyn Dafydd Deiniol Delyth Dewi Dilys Dwynwen
    Dylan Efa Eifion Eirian Eiry Eleri Elen Elin Eluned Emyr Emrys Ffion Ffraid Gareth
    Geraint Glenys Glyn Gruffudd Gruffydd Guto Gwen Gwenda Gwenllian Gwion Gwilym Gwyn
    Gwyneth Hafwen Heddwyn Hefin Heledd Huw Hywel Idris Ieuan Ifan Ifor Iolo Ioan Iwan Llew
    Llewelyn Llinos Llio Llŷr Lowri Mabli Macsen Madog Mair Mali Manon Mared Mererid
    Meirion Meinir Meleri Menna Meredydd Mirain Morfudd Myfanwy Nerys Nest Nia Non Olwen
    Osian Owain Owen Peredur Rhian Rhiannon Rhodri Rhydian Rhys Rhun Sara Seren Sian Siân
    Sioned Siôn Steffan Sulwen Taliesin Tegan Tegwen Teleri Trefor Tomos Tudur Tudor Wyn
    Wynne Ynyr
""".split()

WELSH_WORDS = set("bryn glyn nest non seren gwen gwyn wyn llew mair medi mai efa".split())

UK_LAST = """
    Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson
    Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel
    Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison
    Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths
    Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox
    Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster
    Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer
    Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray
    Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart
    Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson
    Bradley Spencer Gill Dawson Ball Burton Watts Rose Booth Perry Ryan Grant Wells
    Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr
    Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding
    Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane
    Cooke Bates Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross
    Long Freeman Warren Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis
    Hopkins O'Brien Kim Pritchard Prosser Probert Pugh Bowen Bevan Vaughan Howells Rowlands
    Humphreys Meredith Morgans Watkins Gwynne Wynne Lloyd-Jones Llewellyn Llywelyn Caddick
    Cadwaladr Gittins Gough Jenkin Maddocks Maddox Mostyn Nash Parri Powel Prydderch
    Rhydderch Tudor Vaughn Beynon Bowen Eynon Gwyther Howell Jarman Meyrick Pryce Tanner
    Trevor Upton Iwan Ifans Puw Hopcyn Rowland Griffith Gruffydd Gruffudd Dafis Huws Tomos
    Wiliam Morys Sion Preece Pryor Gwilym Davey Harries Rosser Batty Beddoe Connor
""".split()

COMMON = set("""
    will may mark grant rich ray don max bill hope rose dean lane page long young white
    green wood hill ward bell price cook king day west ball rose stone cross bird grant fox
    hunt mills marsh lowe wells reed woods parsons bishop shepherd fisher baker carter
    mason turner walker porter gardner tanner dunn burns long hart young french brown black
    gray grey banks ford brooks hall bush field sterling victoria iris poppy holly daisy
    jade amber summer autumn dawn eve hazel heather lily olive pearl robin sky crystal
    destiny justice harmony honey ivy joy june april august rowan rain bay wade bob guy
    jack sonny penny sandy rusty dusty chip buck jerry carol sue sunny kay angel christian
    cash gay herb lane marshall miles nick norm pat rich cliff drew gene dale glen glenn
    stan frank earnest ernest sterling colt cruz dallas denver paris london chelsea jordan
    kent devon florence georgia india kenya israel lincoln orlando austin houston phoenix
    sydney tyler hunter porter york wyn queen prince grace king duke earl lord chester
""".split())


def assignments(path):
    out = {}
    for n in ast.walk(ast.parse(open(path, encoding="utf-8").read())):
        if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name):
            try:
                out[n.targets[0].id] = ast.literal_eval(n.value)
            except ValueError:
                pass
    return out


def php_list(php, name):
    m = re.search(r"\$" + name + r"\s*=\s*\[(.*?)\];", php, re.S)
    return re.findall(r"'([^']+)'", m.group(1))


def main():
    debs, shared = sys.argv[1], sys.argv[2]
    person = debs + "/usr/lib/python3/dist-packages/faker/providers/person/"
    gb = assignments(person + "en_GB/__init__.py")
    en = assignments(person + "en/__init__.py")
    php = open(debs + "/usr/share/php/Faker/Provider/en_GB/Person.php", encoding="utf-8").read()
    first = (set(gb["first_names_male"]) | set(gb["first_names_female"])
             | set(en["first_names_male"]) | set(en["first_names_female"])
             | set(php_list(php, "firstNameMale")) | set(php_list(php, "firstNameFemale"))
             | set(WELSH_FIRST))
    last = set(en["last_names"]) | set(php_list(php, "lastName")) | set(UK_LAST)
    seen = collections.Counter()
    for name in ("nhs-fft-trusts-ab", "stackoverflow", "gambling-xs-q1", "gambling-xs-q2"):
        for line in open("%s/text/dev/%s.jsonl" % (shared, name), encoding="utf-8"):
            for w in re.findall(r"[a-z][a-z']+", json.loads(line)["text"]):
                seen[w] += 1
    for line in open(shared + "/welsh/geiriau-mwyaf-aml_vocab.cy.2500.frequencies.tsv",
                     encoding="utf-8"):
        seen[line.split("\t")[0].strip().lower()] += 3
    # people often type Welsh names without their accents: Llyr, Sion
    plain = str.maketrans("âêîôûŵŷáéíóúàèìòùäëïöüÿ", "aeiouwyaeiouaeiouaeiouy")
    first |= {n.translate(plain) for n in WELSH_FIRST}
    welsh = {n.lower() for n in first if n in WELSH_FIRST or n.translate(plain) != n}
    welsh |= {n.lower().translate(plain) for n in WELSH_FIRST}
    flags = {}
    for n in first:
        if n not in DROP:
            flags[n.lower()] = flags.get(n.lower(), 0) | 1
    for n in last:
        if n not in DROP or n in UK_LAST:
            flags[n.lower()] = flags.get(n.lower(), 0) | 2
    for n in flags:
        if n in COMMON or n in WELSH_WORDS or (seen[n] >= 3 and n not in welsh):
            flags[n] |= 4
    print(HEADER, end="")
    for n, f in sorted(flags.items(), key=lambda kv: kv[0].encode()):
        print('\t{"%s", %d},' % (n, f))
    print("};\n\n#endif")


HEADER = """/* SPDX-License-Identifier: AGPL-3.0-or-later AND MIT */
/*
 * redact_names: first names and surnames for the name rules of redact_names.c,
 * lower case, sorted by bytes (bsearch), each with flags:
 *   1 a first name, 2 a surname, 4 also an everyday English or Welsh word
 *   ("will", "may", "bryn"), trusted only in a strong name context.
 * Generated by app/text/redact_names.py: do not edit by hand.
 * Sources (see docs/redaction.md):
 *   - Faker (python3-fake-factory 0.9.3, Debian bookworm), person providers
 *     en and en_GB: first names and surnames. Copyright 2012 Daniele
 *     Faraglia, MIT (Expat) licence.
 *   - Faker for PHP (php-faker, Debian bookworm), provider en_GB/Person.php:
 *     first names (ONS baby names) and surnames. Copyright 2011 Francois
 *     Zaninotto, MIT (Expat) licence.
 *   - Welsh first names and common UK and Welsh surnames written for Your
 *     Voice (AGPL-3.0-or-later).
 */
#ifndef YV_TEXT_REDACT_NAMES_H
#define YV_TEXT_REDACT_NAMES_H

#define RN_FIRST 1
#define RN_LAST 2
#define RN_COMMON 4

struct redact_name {
\tconst char *s;
\tunsigned char f;
};

static const struct redact_name redact_names[] = {
"""

if __name__ == "__main__":
    main()
