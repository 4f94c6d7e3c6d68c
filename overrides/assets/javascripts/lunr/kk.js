/*
 * lunr.kk: Kazakh for Material's search worker, which imports it as lunr/min/lunr.kk.min.js
 * (hooks/weight/scripts.py writes it there; it is not minified). A classic script, as importScripts
 * needs; plain ES2019, no dependencies. Part A (globalThis.kazakhSearch) runs anywhere; part B
 * (lunr.kk) only where lunr is defined, i.e. in the worker, after lunr.stemmer.support.min.js.
 * tests/check/js/kk.test.mjs checks both on tests/check/data/kazakh-forms.json.
 *
 * key(word) = stem(normalise(word)): every spelling and form of a word should give one key.
 *
 * normalise(word): one folded Cyrillic form, whatever the alphabet or keyboard.
 *   1. NFC, lower case, combining marks dropped (the dot of a lowered Turkish İ).
 *   2. A word with any Cyrillic letter: its Latin lookalikes become Cyrillic (a c e o p x y k m
 *      t i ı h b ə ó ö ú ü á ä: `p` is р, `y` is у, `b` is в, `ə`/`á` is ә, `ó` is ө ...),
 *      except a Latin part cut off by an apostrophe (Amnesty'дің), transliterated as below.
 *      A Latin word is transliterated, in this order:
 *        - 2017 apostrophe alphabet: a' g' n' o' u' y' i' s' c' -> ә ғ ң ө ү у и ш ч;
 *        - digraphs (2018 and chat): shch sh ch zh kh gh -> щ ш ч ж х ғ; ya yu -> я ю;
 *        - letters: 2021 (ä ğ ı i ñ ö ū ü ş ç q u y j h), 2018 acute (á ǵ ı i ń ó ú ý y j q),
 *          chat (q w x c j): q -> қ, w -> у, x -> х, j -> ж, y -> ы, every i ı í -> и ...
 *   3. Folding to the letters of a Russian keyboard: қ ғ ң ө ұ ү і ә һ -> к г н о у у и а х;
 *      also ё -> е, э -> е, й -> и; ь and ъ dropped, apostrophes dropped. я and ю stay (the
 *      Latin digraphs ya/yu give them; 2021's ia/iu do not). Digits and anything else stay.
 *   So і/и, ұ/ү/у, ә/а ... are one letter in the index: the Latin i/ı ambiguity between
 *   alphabets does not matter. ы stays distinct from и (Latin y is ы).
 *
 * stem(folded): a light rule-based stemmer on the FOLDED form (its tables are written in folded
 * letters), no dictionary. Suffixes are stripped from the end in tiers, at most one per tier,
 * longest match first:
 *   1. personal/predicative: -мын -мин -бын -пын -сын -мыз -быз -сыз ... -сындар -сыздар;
 *   2. case: relative -дагы/-ндагы ..., genitive -нын -дын -тын, ablative -дан -тан -нан,
 *      instrumental -мен -бен -пен, locative -да -та -нда, dative -га -ка -на, accusative -ны
 *      -ды -ты (front-vowel twins too; -нын -нан only after a vowel or м/н, -на -нда after ы/и);
 *   3. possessive: -ымыз -ыныз -мыз -ныз -сы -ым -ын -ы -м (skipped after accusative -ны,
 *      which never follows a possessive);
 *   4. plural: -лар -дар -тар -лер -дер -тер;
 *   5. verb forms: past -ды -ты (+ -м -н -ныз -ныздар; not -к: -дык/-тик is also the adjective
 *      suffix of әлеуметтік), participles -ган -кан -атын -итын,
 *      intention -мак -бак -пак, perfect -ыпты -пты, present -ады -иды, converbs -ып -п -а -и,
 *      conditional -са, verbal noun -у; then negation -ма -ба -па, only after one of these.
 *   Guards: a stem keeps at least 3 letters; 4 before a one-letter suffix (-ы -и -м -а -е -и -у),
 *   5 before -п (кітап stays) and before the possessive -ын/-ин; -ы/-и/-ым/-ын after a consonant, -сы/-м/-п after a
 *   vowel, converb -а/-е after a consonant and -и (from -й) after a vowel.
 *   Protected names: once the stem ends in -ов/-ев/-аев/-ян or the place-name -стан, nothing
 *   more is stripped (Боқаевқа -> бокаев, Аянның -> аян, Кривошеевтің -> кривошеев,
 *   Қазақстанда -> казакстан, where the ablative -тан would cut Қазақстан); a stem in -ин (Путин) loses
 *   only a longer suffix (-тин, -нин), unless -ин follows г/б, the mark of a Kazakh possessive.
 *   Consonant mutation: a key never ends in б or г (except after н: митинг): б -> п, г -> к,
 *   so кітабы/кітап and құқығы/құқық share a key.
 * Limits: no dictionary, so a stem that looks like a suffix chain is cut (тұтқыны -> туткы,
 *   жазба -> жазб); folding merges words that differ only in a Kazakh letter (ас/әс, ұл/үл);
 *   derivational suffixes (-лык -шы -сыз as "without" aside, -лау ...) are not stripped, and
 *   negation is stripped only after a tense suffix; chat `y` for й (Aydos) gives ы; the
 *   dative -а/-е after -м/-ң is left to the converb rule; voice suffixes (-л -н -дыр) stay.
 *
 * lunr (part B): lunr.kk, with a trimmer of Kazakh word characters, no stop words (every word is
 * findable) and a stemmer that keeps the lower-cased word as typed (for exact matches to rank
 * first) and adds its key, marked "=key" so that the two never match each other.
 */
(function () {
  "use strict"

  // ---- normalise -------------------------------------------------------------------------

  var CYRILLIC = /[\u0400-\u04ff]/
  var LOOKALIKES = {
    a: "а", c: "с", e: "е", o: "о", p: "р", x: "х", y: "у", k: "к", m: "м", t: "т",
    i: "і", "ı": "і", h: "һ", b: "в", "ə": "ә", "ǝ": "ә", "á": "ә", "ä": "ә",
    "ó": "ө", "ö": "ө", "ú": "ү", "ü": "ү"
  }
  var APOSTROPHE_2017 = { a: "ә", g: "ғ", n: "ң", o: "ө", u: "ү", y: "у", i: "и", s: "ш", c: "ч" }
  var DIGRAPHS = [["shch", "щ"], ["sh", "ш"], ["ch", "ч"], ["zh", "ж"], ["kh", "х"], ["gh", "ғ"],
                  ["ya", "я"], ["yu", "ю"]]
  var LATIN = {
    a: "а", "ä": "ә", "á": "ә", "ə": "ә", "ǝ": "ә", b: "б", c: "с", "ç": "ч", d: "д", e: "е",
    "é": "е", f: "ф", g: "г", "ğ": "ғ", "ǵ": "ғ", h: "х", i: "и", "ı": "и", "í": "и", j: "ж",
    k: "к", l: "л", m: "м", n: "н", "ñ": "ң", "ń": "ң", "ŋ": "ң", o: "о", "ö": "ө", "ó": "ө",
    p: "п", q: "қ", r: "р", s: "с", "ş": "ш", t: "т", u: "у", "ū": "ұ", "ü": "ү", "ú": "ү",
    "ý": "у", v: "в", w: "у", x: "х", y: "ы", z: "з"
  }
  var FOLD = {
    "қ": "к", "ҡ": "к", "ғ": "г", "ң": "н", "ӊ": "н", "ҥ": "н", "ө": "о", "ұ": "у", "ү": "у",
    "і": "и", "ә": "а", "һ": "х", "ё": "е", "э": "е", "й": "и", "ь": "", "ъ": ""
  }
  var APOSTROPHES = /['’ʼʻ`´]/g

  function mapLetters(text, table) {
    return Array.from(text, function (ch) { return ch in table ? table[ch] : ch }).join("")
  }

  function transliterate(latin) {
    var text = latin.replace(/([agnouyisc])['’ʼʻ`´]/g, function (_, ch) { return APOSTROPHE_2017[ch] })
    DIGRAPHS.forEach(function (pair) { text = text.split(pair[0]).join(pair[1]) })
    return mapLetters(text, LATIN)
  }

  // In a Cyrillic word, Latin letters are lookalikes; a Latin part before an apostrophe is a
  // Latin word with a Kazakh ending (Amnesty'дің).
  function toCyrillic(part) {
    return CYRILLIC.test(part) ? mapLetters(part, LOOKALIKES) : transliterate(part)
  }

  function normalise(word) {
    var text = String(word || "").normalize("NFC").toLowerCase().replace(/[\u0300-\u036f]/g, "")
    if (CYRILLIC.test(text)) text = text.split(APOSTROPHES).map(toCyrillic).join("")
    return mapLetters(transliterate(text), FOLD).replace(APOSTROPHES, "")
  }

  // ---- stem ------------------------------------------------------------------------------

  var VOWEL = /[аеиоуыяю]$/
  var CONSONANT = /[^аеиоуыяю]$/
  var AFTER_POSSESSIVE = /[ыи]$/
  var AFTER_NASAL_OR_VOWEL = /[аеиоуыяюмн]$/

  // Suffixes sharing a guard: the shortest stem they may leave, what that stem must end with.
  function rule(suffixes, min, after, bareStem) {
    return suffixes.split(" ").map(function (s) {
      return { s: s, min: min || (s.length === 1 ? 4 : 3), after: after || null, bareStem: !!bareStem }
    })
  }

  function tier(rules) {
    return [].concat.apply([], rules).sort(function (a, b) { return b.s.length - a.s.length })
  }

  var PERSONAL = tier([rule("мын мин бын бин пын пин сын син мыз миз быз биз пыз пиз сыз сиз " +
                            "сындар синдер сыздар сиздер")])
  var CASE = tier([
    rule("ндагы ндеги дагы деги тагы теги"),
    rule("нын нин", 3, AFTER_NASAL_OR_VOWEL), rule("дын дин тын тин"),
    rule("нан нен", 3, AFTER_NASAL_OR_VOWEL), rule("дан ден тан тен"),
    rule("мен бен пен"),
    rule("нда нде", 3, AFTER_POSSESSIVE), rule("да де та те"),
    rule("на не", 3, AFTER_POSSESSIVE), rule("га ге ка ке"),
    rule("ны ни", 3, VOWEL, true), rule("ды ди ты ти")
  ])
  var POSSESSIVE = tier([
    rule("ымыз имиз ыныз иниз ым им", 3, CONSONANT), rule("мыз миз ныз низ сы си", 3, VOWEL),
    rule("ын ин", 5, CONSONANT), rule("ы и", 4, CONSONANT), rule("м", 4, VOWEL)
  ])
  var PLURAL = tier([rule("лар лер дар дер тар тер")])
  var TENSE = tier([
    rule("дыныздар диниздер тыныздар тиниздер дындар диндер тындар тиндер дыныз диниз тыныз " +
         "тиниз дым дим тым тим дын дин тын тин ды ди ты ти"),
    rule("атын етин итын итин ган ген кан кен мак мек бак бек пак пек ыпты ипти пты пти " +
         "ады еди иды иди ып ип са се"),
    rule("а е", 4, CONSONANT), rule("и", 4, VOWEL), rule("п", 5, VOWEL), rule("у", 4)
  ])
  var NEGATION = tier([rule("ма ме ба бе па пе")])

  var STOP_NAME = /(?:[ое]в|ян|стан)$/ // Боқаев, Кривошеев, Аян, Қазақстан: nothing more comes off
  var GUARD_NAME = /[^гб]ин$/ // Путин: only a suffix longer than -ин comes off

  function mayStrip(word, suffix) {
    if (word.length >= 3 && STOP_NAME.test(word)) return false
    return !(word.length >= 5 && GUARD_NAME.test(word) && suffix.length <= 2)
  }

  // The longest rule of `rules` that fits the end of `word`, or null.
  function match(word, rules) {
    for (var i = 0; i < rules.length; i++) {
      var r = rules[i]
      if (word.length - r.s.length < r.min || word.slice(-r.s.length) !== r.s) continue
      var stem = word.slice(0, -r.s.length)
      if ((!r.after || r.after.test(stem)) && mayStrip(word, r.s)) return { stem: stem, rule: r }
    }
    return null
  }

  function unmutate(stem) {
    if (/[^н]г$/.test(stem)) return stem.slice(0, -1) + "к"
    if (/б$/.test(stem) && stem.length >= 3) return stem.slice(0, -1) + "п"
    return stem
  }

  function stem(folded) {
    var word = String(folded || "")
    var found, bare = false
    ;[PERSONAL, CASE, POSSESSIVE, PLURAL].forEach(function (rules) {
      if (bare && rules === POSSESSIVE) return
      if ((found = match(word, rules))) {
        word = found.stem
        bare = bare || found.rule.bareStem
      }
    })
    if ((found = match(word, TENSE))) {
      word = found.stem
      if ((found = match(word, NEGATION))) word = found.stem
    }
    return unmutate(word)
  }

  function key(word) {
    return stem(normalise(word))
  }

  globalThis.kazakhSearch = { normalise: normalise, stem: stem, key: key }

  // ---- lunr ------------------------------------------------------------------------------

  var lunr = globalThis.lunr
  if (typeof lunr === "undefined") return

  lunr.kk = function () {
    this.pipeline.reset()
    this.pipeline.add(lunr.kk.trimmer, lunr.kk.stopWordFilter, lunr.kk.stemmer)
    if (this.searchPipeline) {
      this.searchPipeline.reset()
      this.searchPipeline.add(lunr.kk.stemmer)
    }
  }
  // Cyrillic (with ә ғ қ ң ө ұ ү һ і), Latin with the diacritics of the Kazakh alphabets, ə,
  // digits, apostrophes, combining marks: a regular-expression class body.
  lunr.kk.wordCharacters = "0-9A-Za-z\\u00C0-\\u024F\\u0259\\u0300-\\u036F\\u0400-\\u04FF'’ʼʻ`´"

  function makeTrimmer(characters) {
    var start = new RegExp("^[^" + characters + "]+"), end = new RegExp("[^" + characters + "]+$")
    function trim(text) { return text.replace(start, "").replace(end, "") }
    return function (token) { return typeof token.update === "function" ? token.update(trim) : trim(token) }
  }
  lunr.kk.trimmer = lunr.trimmerSupport
    ? lunr.trimmerSupport.generateTrimmer(lunr.kk.wordCharacters)
    : makeTrimmer(lunr.kk.wordCharacters)
  lunr.kk.stopWordFilter = lunr.generateStopWordFilter([])

  // The word as typed (lower case), and its key, marked with "=" so that a query in the exact
  // spelling (lunr.wordforms adds one, boosted) finds only exact words, and ranks them first.
  lunr.kk.stemmer = function (token) {
    var word = token.toString().toLowerCase()
    return [token.clone(function () { return word }), token.clone(function () { return "=" + key(word) })]
  }

  lunr.Pipeline.registerFunction(lunr.kk.trimmer, "trimmer-kk")
  lunr.Pipeline.registerFunction(lunr.kk.stopWordFilter, "stopWordFilter-kk")
  lunr.Pipeline.registerFunction(lunr.kk.stemmer, "stemmer-kk")
})()
