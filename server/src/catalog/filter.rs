//! Consul's `?filter=` expression language (the go-bexpr grammar), in the subset real clients use,
//! evaluated over the JSON objects an API endpoint is about to return.
//!
//! Consul filters list results server-side so that clients such as `consul-template`, Nomad and
//! dashboards can ask for `ServiceTags contains "v1" and ServiceMeta.env == "prod"` instead of
//! downloading every instance. Consul evaluates the expression against its Go structs; we evaluate
//! it against the `serde_json::Value` each item serialises to, which keeps the filter independent
//! of our internal types and guarantees that the field names match what the client sees.
//!
//! Supported: `and`, `or`, `not`, parentheses, `==`, `!=`, `contains`, `not contains`, `in`,
//! `not in`, `is empty`, `is not empty`, dotted selectors with `["quoted key"]` map indexing, and
//! values written as double-quoted strings, backtick raw strings or bare words. `matches` is
//! refused with a clear error because no regular-expression engine is available.
//!
//! # Semantics over JSON
//!
//! * A selector walks objects by key. A missing key, or a scalar where an object was expected,
//!   makes the selector *absent*; an absent selector is empty, contains nothing and equals nothing.
//! * When a segment meets an array, a numeric segment (`Checks.0.Status`) indexes it; any other
//!   segment *fans out*: the selector yields that field of every object element, so
//!   `Checks.Status` is the collection of all check statuses. If the collected values are arrays
//!   themselves (`Nodes.Service.Tags`), their elements are merged into one collection.
//! * `==` on a collection (a JSON array, or a fanned-out selector) is true only when the collection
//!   is non-empty and *every* element equals the value, so `Checks.Status == "passing"` means "all
//!   checks pass". `!=` is always the exact negation of `==`, so `Checks.Status != "passing"` means
//!   "some check is not passing, or there are no checks". go-bexpr refuses `==` on collections
//!   outright; "all" was chosen over "any" because it is the reading health filters need, and
//!   `contains` / `in` already express "any".
//! * Scalars compare by text: a JSON string must equal the value exactly, `true`/`false` match
//!   booleans, and a JSON number equals the value when the value parses as the same number (so
//!   `ServicePort == 80` and `ServicePort == "80"` both match port 80). `null` equals nothing.

use serde_json::{Number, Value};

/// Longer expressions are refused up front so a hostile query string cannot make us tokenise
/// megabytes; Consul's own limits are in the same range.
const MAX_EXPRESSION_BYTES: usize = 4096;

/// Bounds parser and evaluator recursion so deeply nested input cannot exhaust the stack.
const MAX_NESTING: usize = 32;

/// Why a filter expression was refused; the message is returned to the HTTP client verbatim.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// The expression exceeds [`MAX_EXPRESSION_BYTES`].
    #[error(
        "filter expression is {len} bytes long; the limit is {max} bytes",
        max = MAX_EXPRESSION_BYTES
    )]
    TooLong { len: usize },
    /// The expression is not well-formed; `column` counts characters from 1.
    #[error("invalid filter expression at column {column}: {message}")]
    Syntax { column: usize, message: String },
    /// Parentheses and `not` nest deeper than [`MAX_NESTING`].
    #[error(
        "invalid filter expression at column {column}: nesting is deeper than {max} levels",
        max = MAX_NESTING
    )]
    TooDeep { column: usize },
    /// A go-bexpr operator we recognise but deliberately do not implement.
    #[error(
        "invalid filter expression at column {column}: the \"{operator}\" operator is not \
         supported (no regular-expression engine is available)"
    )]
    Unsupported { column: usize, operator: String },
    /// A selector names a field the item type does not have (Consul's wording).
    #[error("Selector \"{selector}\" is not valid")]
    InvalidSelector { selector: String },
}

/// A parsed filter, reusable across every item of a result.
#[derive(Debug, Clone)]
pub struct Filter {
    root: Expr,
}

impl Filter {
    /// Parses an expression (at most 4096 bytes, nesting depth at most 32).
    ///
    /// Parentheses and `not` each add one nesting level. An empty expression is an error: callers
    /// should treat an empty `?filter=` as "no filter" before calling this.
    pub fn parse(expr: &str) -> Result<Filter, FilterError> {
        if expr.len() > MAX_EXPRESSION_BYTES {
            return Err(FilterError::TooLong { len: expr.len() });
        }
        let tokens = tokenize(expr)?;
        let mut parser = Parser::new(expr, tokens);
        let root = parser.parse_or(0)?;
        let next = parser.peek().clone();
        match next.kind {
            TokenKind::End => Ok(Filter { root }),
            TokenKind::RParen => Err(parser.error(next.start, "unmatched \")\"".to_string())),
            _ => Err(parser.unexpected(&next, "expected \"and\", \"or\" or end of input")),
        }
    }

    /// Checks every selector's first segment is one of `fields` (the item type's top-level field
    /// names), so a typo is reported to the client instead of silently matching nothing.
    ///
    /// Deeper segments are not checked: they usually index free-form maps such as `Meta`.
    pub fn validate(&self, fields: &[&str]) -> Result<(), FilterError> {
        let mut pending = vec![&self.root];
        while let Some(expr) = pending.pop() {
            match expr {
                Expr::Or(terms) | Expr::And(terms) => pending.extend(terms.iter()),
                Expr::Not(inner) => pending.push(inner),
                Expr::Match(m) => {
                    let known = m
                        .selector
                        .path
                        .first()
                        .is_some_and(|head| fields.contains(&head.as_str()));
                    if !known {
                        return Err(FilterError::InvalidSelector {
                            selector: m.selector.text.clone(),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether the item satisfies the expression.
    pub fn matches(&self, item: &Value) -> bool {
        self.root.eval(item)
    }
}

// ---------------------------------------------------------------------------------------------
// Syntax tree and evaluation
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Expr {
    /// Flat lists rather than binary trees keep long `a or b or c ...` chains from turning into
    /// deep recursion.
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Match(Match),
}

#[derive(Debug, Clone)]
struct Match {
    selector: Selector,
    op: Op,
    /// Set for `!=`, `not contains`, `not in` and `is not empty`, which are exact negations.
    negated: bool,
}

#[derive(Debug, Clone)]
enum Op {
    Equal(Literal),
    /// Both `<Selector> contains <Value>` and `<Value> in <Selector>`.
    Contains(Literal),
    IsEmpty,
}

#[derive(Debug, Clone)]
struct Selector {
    /// The selector as written, for error messages.
    text: String,
    path: Vec<String>,
}

/// A value from the expression. Its numeric readings are computed once at parse time rather than
/// for every item compared.
#[derive(Debug, Clone)]
struct Literal {
    text: String,
    integer: Option<i128>,
    float: Option<f64>,
}

impl Literal {
    fn new(text: String) -> Literal {
        let integer = text.parse::<i128>().ok();
        let float = text.parse::<f64>().ok().filter(|f| f.is_finite());
        Literal {
            text,
            integer,
            float,
        }
    }

    /// Equality between one JSON scalar and this value; containers and `null` never equal a value.
    fn equals(&self, value: &Value) -> bool {
        match value {
            Value::String(s) => *s == self.text,
            Value::Bool(b) => self.text == if *b { "true" } else { "false" },
            Value::Number(n) => self.equals_number(n),
            Value::Null | Value::Array(_) | Value::Object(_) => false,
        }
    }

    /// Integers compare exactly (no f64 rounding of large IDs); anything else compares as f64.
    fn equals_number(&self, n: &Number) -> bool {
        let json_integer = n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from));
        if let (Some(a), Some(b)) = (json_integer, self.integer) {
            return a == b;
        }
        match (n.as_f64(), self.float) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }
}

/// What a selector resolved to in one item.
enum Selected<'a> {
    Absent,
    One(&'a Value),
    /// The selector fanned out over an array of objects.
    Many(Vec<&'a Value>),
}

impl Selected<'_> {
    /// The elements when the selection is a collection; `None` for scalars, objects and absence.
    fn elements(&self) -> Option<Vec<&Value>> {
        match self {
            Selected::One(Value::Array(items)) => Some(items.iter().collect()),
            Selected::Many(values) => {
                let mut out = Vec::with_capacity(values.len());
                for value in values {
                    match value {
                        Value::Array(items) => out.extend(items.iter()),
                        other => out.push(*other),
                    }
                }
                Some(out)
            }
            _ => None,
        }
    }
}

impl Expr {
    fn eval(&self, item: &Value) -> bool {
        match self {
            Expr::Or(terms) => terms.iter().any(|t| t.eval(item)),
            Expr::And(terms) => terms.iter().all(|t| t.eval(item)),
            Expr::Not(inner) => !inner.eval(item),
            Expr::Match(m) => m.eval(item) != m.negated,
        }
    }
}

impl Match {
    /// The un-negated result of the operator.
    fn eval(&self, item: &Value) -> bool {
        let selected = resolve(item, &self.selector.path);
        match &self.op {
            Op::Equal(lit) => match selected.elements() {
                Some(elements) => !elements.is_empty() && elements.iter().all(|e| lit.equals(e)),
                None => match selected {
                    Selected::One(value) => lit.equals(value),
                    _ => false,
                },
            },
            Op::Contains(lit) => match selected.elements() {
                Some(elements) => elements.iter().any(|e| lit.equals(e)),
                None => match selected {
                    Selected::One(Value::String(s)) => s.contains(lit.text.as_str()),
                    Selected::One(Value::Object(map)) => map.contains_key(&lit.text),
                    _ => false,
                },
            },
            Op::IsEmpty => match selected.elements() {
                Some(elements) => elements.is_empty(),
                None => match selected {
                    Selected::One(Value::Null) | Selected::Absent => true,
                    Selected::One(Value::String(s)) => s.is_empty(),
                    Selected::One(Value::Object(map)) => map.is_empty(),
                    _ => false,
                },
            },
        }
    }
}

/// Walks `path` through `item`, fanning out over arrays of objects as described in the module
/// documentation.
fn resolve<'a>(item: &'a Value, path: &[String]) -> Selected<'a> {
    let mut current: Vec<&'a Value> = vec![item];
    let mut fanned_out = false;
    for segment in path {
        let mut next = Vec::new();
        for value in current {
            match value {
                Value::Object(map) => next.extend(map.get(segment)),
                Value::Array(items) => match segment.parse::<usize>() {
                    Ok(index) => next.extend(items.get(index)),
                    Err(_) => {
                        fanned_out = true;
                        for element in items {
                            if let Value::Object(map) = element {
                                next.extend(map.get(segment));
                            }
                        }
                    }
                },
                _ => {}
            }
        }
        current = next;
    }
    if fanned_out {
        Selected::Many(current)
    } else {
        // Without a fan-out every step yields at most one value.
        match current.first() {
            Some(value) => Selected::One(value),
            None => Selected::Absent,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum TokenKind {
    LParen,
    RParen,
    LBracket,
    RBracket,
    Equal,
    NotEqual,
    /// A quoted or raw string, already unescaped.
    Str(String),
    /// A bare run of word characters: keyword, selector (dots included) or unquoted value.
    Word(String),
    End,
}

#[derive(Debug, Clone)]
struct Token {
    kind: TokenKind,
    /// Byte offsets into the expression, always on character boundaries.
    start: usize,
    end: usize,
}

const KEYWORDS: [&str; 8] = [
    "and", "or", "not", "in", "contains", "is", "empty", "matches",
];

fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Dots are word characters so that both `Service.Tags` and `1.5` arrive as one token; the parser
/// splits selectors on them.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')
}

/// Characters, not bytes, so columns line up with what the user typed.
fn column_of(src: &str, offset: usize) -> usize {
    src.get(..offset).map_or(0, |s| s.chars().count()) + 1
}

fn syntax_error(src: &str, offset: usize, message: String) -> FilterError {
    FilterError::Syntax {
        column: column_of(src, offset),
        message,
    }
}

fn tokenize(src: &str) -> Result<Vec<Token>, FilterError> {
    let mut tokens = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let single = |kind| Token {
            kind,
            start,
            end: start + c.len_utf8(),
        };
        match c {
            c if c.is_whitespace() => {}
            '(' => tokens.push(single(TokenKind::LParen)),
            ')' => tokens.push(single(TokenKind::RParen)),
            '[' => tokens.push(single(TokenKind::LBracket)),
            ']' => tokens.push(single(TokenKind::RBracket)),
            '=' | '!' => {
                if chars.next_if(|&(_, n)| n == '=').is_none() {
                    let wanted = if c == '=' { "==" } else { "!=" };
                    return Err(syntax_error(
                        src,
                        start,
                        format!("expected \"{wanted}\", found \"{c}\""),
                    ));
                }
                let kind = if c == '=' {
                    TokenKind::Equal
                } else {
                    TokenKind::NotEqual
                };
                tokens.push(Token {
                    kind,
                    start,
                    end: start + 2,
                });
            }
            '"' => {
                let mut text = String::new();
                let end = loop {
                    let Some((i, ch)) = chars.next() else {
                        return Err(syntax_error(src, start, "unterminated string".to_string()));
                    };
                    match ch {
                        '"' => break i + 1,
                        '\\' => {
                            let unescaped = match chars.next() {
                                Some((_, '"')) => '"',
                                Some((_, '\\')) => '\\',
                                Some((_, 'n')) => '\n',
                                Some((_, 't')) => '\t',
                                Some((_, 'r')) => '\r',
                                Some((_, '/')) => '/',
                                Some((j, other)) => {
                                    return Err(syntax_error(
                                        src,
                                        j - 1,
                                        format!("unknown escape sequence \"\\{other}\" in string"),
                                    ));
                                }
                                None => {
                                    return Err(syntax_error(
                                        src,
                                        start,
                                        "unterminated string".to_string(),
                                    ));
                                }
                            };
                            text.push(unescaped);
                        }
                        other => text.push(other),
                    }
                };
                tokens.push(Token {
                    kind: TokenKind::Str(text),
                    start,
                    end,
                });
            }
            '`' => {
                let mut text = String::new();
                let end = loop {
                    match chars.next() {
                        Some((i, '`')) => break i + 1,
                        Some((_, ch)) => text.push(ch),
                        None => {
                            return Err(syntax_error(
                                src,
                                start,
                                "unterminated raw string".to_string(),
                            ));
                        }
                    }
                };
                tokens.push(Token {
                    kind: TokenKind::Str(text),
                    start,
                    end,
                });
            }
            c if is_word_char(c) => {
                let mut end = start + c.len_utf8();
                while let Some((i, ch)) = chars.next_if(|&(_, n)| is_word_char(n)) {
                    end = i + ch.len_utf8();
                }
                tokens.push(Token {
                    kind: TokenKind::Word(src[start..end].to_string()),
                    start,
                    end,
                });
            }
            other => {
                return Err(syntax_error(
                    src,
                    start,
                    format!("unexpected character {other:?}"),
                ));
            }
        }
    }
    Ok(tokens)
}

/// Names a token in an error message, shortening long literals so the message stays readable.
fn describe(kind: &TokenKind) -> String {
    fn shorten(text: &str) -> String {
        const LIMIT: usize = 32;
        if text.chars().count() > LIMIT {
            let head: String = text.chars().take(LIMIT).collect();
            format!("{head}...")
        } else {
            text.to_string()
        }
    }
    match kind {
        TokenKind::LParen => "\"(\"".to_string(),
        TokenKind::RParen => "\")\"".to_string(),
        TokenKind::LBracket => "\"[\"".to_string(),
        TokenKind::RBracket => "\"]\"".to_string(),
        TokenKind::Equal => "\"==\"".to_string(),
        TokenKind::NotEqual => "\"!=\"".to_string(),
        TokenKind::Str(s) => format!("string {:?}", shorten(s)),
        TokenKind::Word(w) if is_keyword(w) => format!("keyword \"{w}\""),
        TokenKind::Word(w) => format!("\"{}\"", shorten(w)),
        TokenKind::End => "end of input".to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

/// Recursive descent over the token list. Precedence, loosest first: `or`, `and`, `not`, then a
/// parenthesised expression or a single match.
struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    /// Returned by `peek` past the last token, so lookahead never needs bounds checks.
    end: Token,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str, tokens: Vec<Token>) -> Parser<'a> {
        Parser {
            src,
            tokens,
            pos: 0,
            end: Token {
                kind: TokenKind::End,
                start: src.len(),
                end: src.len(),
            },
        }
    }

    fn peek(&self) -> &Token {
        self.peek_nth(0)
    }

    fn peek_nth(&self, n: usize) -> &Token {
        self.tokens.get(self.pos + n).unwrap_or(&self.end)
    }

    fn advance(&mut self) -> Token {
        let token = self.peek().clone();
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
        token
    }

    fn keyword_at(&self, n: usize, keyword: &str) -> bool {
        matches!(&self.peek_nth(n).kind, TokenKind::Word(w) if w == keyword)
    }

    fn eat_keyword(&mut self, keyword: &str) -> bool {
        let found = self.keyword_at(0, keyword);
        if found {
            self.advance();
        }
        found
    }

    fn error(&self, offset: usize, message: String) -> FilterError {
        syntax_error(self.src, offset, message)
    }

    fn unexpected(&self, token: &Token, expected: &str) -> FilterError {
        self.error(
            token.start,
            format!("{expected}, found {}", describe(&token.kind)),
        )
    }

    /// Enters one more nesting level, refusing to go past [`MAX_NESTING`].
    fn nest(&self, depth: usize, token: &Token) -> Result<usize, FilterError> {
        if depth >= MAX_NESTING {
            return Err(FilterError::TooDeep {
                column: column_of(self.src, token.start),
            });
        }
        Ok(depth + 1)
    }

    fn parse_or(&mut self, depth: usize) -> Result<Expr, FilterError> {
        let mut terms = vec![self.parse_and(depth)?];
        while self.eat_keyword("or") {
            terms.push(self.parse_and(depth)?);
        }
        Ok(match terms.len() {
            1 => terms.remove(0),
            _ => Expr::Or(terms),
        })
    }

    fn parse_and(&mut self, depth: usize) -> Result<Expr, FilterError> {
        let mut terms = vec![self.parse_unary(depth)?];
        while self.eat_keyword("and") {
            terms.push(self.parse_unary(depth)?);
        }
        Ok(match terms.len() {
            1 => terms.remove(0),
            _ => Expr::And(terms),
        })
    }

    fn parse_unary(&mut self, depth: usize) -> Result<Expr, FilterError> {
        if self.keyword_at(0, "not") {
            let token = self.advance();
            let depth = self.nest(depth, &token)?;
            return Ok(Expr::Not(Box::new(self.parse_unary(depth)?)));
        }
        let token = self.peek().clone();
        if token.kind == TokenKind::LParen {
            self.advance();
            let inner_depth = self.nest(depth, &token)?;
            let inner = self.parse_or(inner_depth)?;
            let close = self.peek().clone();
            if close.kind != TokenKind::RParen {
                let expected = format!(
                    "expected \")\" to close the \"(\" at column {}",
                    column_of(self.src, token.start)
                );
                return Err(self.unexpected(&close, &expected));
            }
            self.advance();
            return Ok(inner);
        }
        self.parse_match()
    }

    /// A match starts with either a selector (`Tags contains "x"`) or a value (`"x" in Tags`). A
    /// quoted string can only be a value; a bare word is a value exactly when `in` or `not in`
    /// follows it.
    fn parse_match(&mut self) -> Result<Expr, FilterError> {
        let token = self.peek().clone();
        match &token.kind {
            TokenKind::Str(text) => {
                self.advance();
                self.parse_in(Literal::new(text.clone()), &token)
            }
            TokenKind::Word(word) if !is_keyword(word) => {
                let value_first = self.keyword_at(1, "in")
                    || (self.keyword_at(1, "not") && self.keyword_at(2, "in"));
                if value_first {
                    self.advance();
                    return self.parse_in(Literal::new(word.clone()), &token);
                }
                let selector = self.parse_selector()?;
                self.parse_operator(selector)
            }
            _ => Err(self.unexpected(&token, "expected a selector, a value or \"(\"")),
        }
    }

    /// The rest of `<Value> in <Selector>` / `<Value> not in <Selector>`.
    fn parse_in(&mut self, value: Literal, value_token: &Token) -> Result<Expr, FilterError> {
        let negated = self.eat_keyword("not");
        if !self.eat_keyword("in") {
            let next = self.peek().clone();
            let expected = format!(
                "expected \"in\" or \"not in\" after the value {}",
                describe(&value_token.kind)
            );
            return Err(self.unexpected(&next, &expected));
        }
        let selector = self.parse_selector()?;
        Ok(Expr::Match(Match {
            selector,
            op: Op::Contains(value),
            negated,
        }))
    }

    /// The operator and value that follow a selector.
    fn parse_operator(&mut self, selector: Selector) -> Result<Expr, FilterError> {
        let token = self.advance();
        let unsupported = |operator: &str| FilterError::Unsupported {
            column: column_of(self.src, token.start),
            operator: operator.to_string(),
        };
        let (op, negated) = match &token.kind {
            TokenKind::Equal => (Op::Equal(self.parse_value("==")?), false),
            TokenKind::NotEqual => (Op::Equal(self.parse_value("!=")?), true),
            TokenKind::Word(w) if w == "contains" => {
                (Op::Contains(self.parse_value("contains")?), false)
            }
            TokenKind::Word(w) if w == "matches" => return Err(unsupported("matches")),
            TokenKind::Word(w) if w == "not" => {
                if self.keyword_at(0, "matches") {
                    return Err(unsupported("not matches"));
                }
                if !self.eat_keyword("contains") {
                    let next = self.peek().clone();
                    return Err(self.unexpected(&next, "expected \"contains\" after \"not\""));
                }
                (Op::Contains(self.parse_value("not contains")?), true)
            }
            TokenKind::Word(w) if w == "is" => {
                let negated = self.eat_keyword("not");
                if !self.eat_keyword("empty") {
                    let next = self.peek().clone();
                    let after = if negated { "is not" } else { "is" };
                    let expected = format!("expected \"empty\" after \"{after}\"");
                    return Err(self.unexpected(&next, &expected));
                }
                (Op::IsEmpty, negated)
            }
            _ => {
                let expected = format!(
                    "expected an operator (==, !=, contains, not contains, is empty, is not empty) \
                     after selector \"{}\"",
                    selector.text
                );
                return Err(self.unexpected(&token, &expected));
            }
        };
        Ok(Expr::Match(Match {
            selector,
            op,
            negated,
        }))
    }

    fn parse_value(&mut self, after: &str) -> Result<Literal, FilterError> {
        let token = self.peek().clone();
        match token.kind {
            TokenKind::Str(text) => {
                self.advance();
                Ok(Literal::new(text))
            }
            TokenKind::Word(word) if !is_keyword(&word) => {
                self.advance();
                Ok(Literal::new(word))
            }
            _ => {
                let expected = format!("expected a value after \"{after}\"");
                Err(self.unexpected(&token, &expected))
            }
        }
    }

    /// `Ident(.Ident)*` with `["key"]` indexing anywhere after the first identifier. A dotted part
    /// after `]` must touch it (`Meta["a"].b`), since the lexer delivers it as a word starting with
    /// a dot.
    fn parse_selector(&mut self) -> Result<Selector, FilterError> {
        let first = self.peek().clone();
        let word = match &first.kind {
            TokenKind::Word(w) if !is_keyword(w) && !w.starts_with('.') => w.clone(),
            _ => return Err(self.unexpected(&first, "expected a selector")),
        };
        self.advance();
        let mut path = Vec::new();
        self.push_segments(&word, &first, &mut path)?;
        let mut end = first.end;
        loop {
            let token = self.peek().clone();
            match &token.kind {
                TokenKind::LBracket => {
                    self.advance();
                    let key_token = self.advance();
                    let TokenKind::Str(key) = key_token.kind else {
                        return Err(
                            self.unexpected(&key_token, "expected a quoted map key after \"[\"")
                        );
                    };
                    let close = self.advance();
                    if close.kind != TokenKind::RBracket {
                        return Err(self.unexpected(&close, "expected \"]\" after the map key"));
                    }
                    path.push(key);
                    end = close.end;
                }
                TokenKind::Word(w) if w.starts_with('.') && token.start == end => {
                    self.advance();
                    self.push_segments(&w[1..], &token, &mut path)?;
                    end = token.end;
                }
                _ => break,
            }
        }
        Ok(Selector {
            text: self.src[first.start..end].to_string(),
            path,
        })
    }

    fn push_segments(
        &self,
        dotted: &str,
        token: &Token,
        path: &mut Vec<String>,
    ) -> Result<(), FilterError> {
        for segment in dotted.split('.') {
            if segment.is_empty() {
                return Err(self.error(
                    token.start,
                    format!(
                        "selector part {} has an empty segment",
                        describe(&token.kind)
                    ),
                ));
            }
            path.push(segment.to_string());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn instance() -> Value {
        json!({
            "Node": "n1",
            "Address": "10.0.0.1",
            "ServiceName": "web",
            "ServiceTags": ["v1", "primary"],
            "ServiceMeta": {"env": "prod", "some key": "spaced", "a.b": "dotted"},
            "ServicePort": 80,
            "ServiceWeight": 1.5,
            "ServiceID": 18446744073709551615u64,
            "ServiceEnableTagOverride": false,
            "ServiceAddress": "",
            "NodeMeta": {},
            "ServiceProxy": null,
            "TaggedAddresses": {"lan": {"Address": "10.0.0.1", "Port": 80}}
        })
    }

    fn health() -> Value {
        json!({
            "Node": {"Node": "n1", "Meta": {"env": "prod", "rack": "r1"}},
            "Service": {"Service": "web", "Tags": ["v1", "canary"], "Port": 8080},
            "Checks": [
                {"Status": "passing", "CheckID": "serfHealth", "ServiceTags": []},
                {"Status": "critical", "CheckID": "svc", "ServiceTags": ["v1"]}
            ]
        })
    }

    fn all_passing() -> Value {
        json!({
            "Node": {"Node": "n2"},
            "Service": {"Service": "web", "Tags": []},
            "Checks": [{"Status": "passing"}, {"Status": "passing"}]
        })
    }

    fn check(expr: &str, item: &Value) -> bool {
        match Filter::parse(expr) {
            Ok(filter) => filter.matches(item),
            Err(err) => panic!("{expr:?} should parse: {err}"),
        }
    }

    fn parse_err(expr: &str) -> FilterError {
        match Filter::parse(expr) {
            Ok(filter) => panic!("{expr:?} should be refused, parsed as {filter:?}"),
            Err(err) => err,
        }
    }

    fn syntax_column(expr: &str) -> (usize, String) {
        match parse_err(expr) {
            FilterError::Syntax { column, message } => (column, message),
            other => panic!("{expr:?}: expected a syntax error, got {other:?}"),
        }
    }

    /// `==` and `!=` on plain string fields.
    #[test]
    fn equality_on_strings() {
        let item = instance();
        assert!(check(r#"ServiceName == "web""#, &item));
        assert!(!check(r#"ServiceName == "db""#, &item));
        assert!(check(r#"ServiceName != "db""#, &item));
        assert!(!check(r#"ServiceName != "web""#, &item));
        assert!(check("ServiceName == web", &item));
        assert!(check("ServiceName == `web`", &item));
        assert!(check("Address == 10.0.0.1", &item));
        assert!(check(r#"ServiceAddress == """#, &item));
        // Exact, case-sensitive text.
        assert!(!check(r#"ServiceName == "Web""#, &item));
    }

    /// Numbers match both bare and quoted, and numerically rather than textually.
    #[test]
    fn numbers_versus_strings() {
        let item = instance();
        assert!(check("ServicePort == 80", &item));
        assert!(check(r#"ServicePort == "80""#, &item));
        assert!(check("ServicePort == 80.0", &item));
        assert!(!check("ServicePort == 81", &item));
        assert!(!check("ServicePort == eighty", &item));
        assert!(check("ServicePort != 443", &item));
        assert!(check("ServiceWeight == 1.5", &item));
        assert!(!check("ServiceWeight == 1", &item));
        assert!(check("ServiceID == 18446744073709551615", &item));
        assert!(!check("ServiceID == 18446744073709551614", &item));
        // A JSON string holding digits compares by its text only.
        let meta = json!({"Meta": {"port": "080"}});
        assert!(check(r#"Meta.port == "080""#, &meta));
        assert!(!check("Meta.port == 80", &meta));
    }

    /// Booleans compare by their text, null equals nothing.
    #[test]
    fn booleans_and_null() {
        let item = instance();
        assert!(check("ServiceEnableTagOverride == false", &item));
        assert!(check(r#"ServiceEnableTagOverride == "false""#, &item));
        assert!(!check("ServiceEnableTagOverride == true", &item));
        assert!(!check("ServiceEnableTagOverride == False", &item));
        assert!(!check("ServiceProxy == null", &item));
        assert!(check("ServiceProxy != null", &item));
    }

    /// Absent fields are never equal, so `!=` holds.
    #[test]
    fn absent_fields() {
        let item = instance();
        assert!(!check(r#"Missing == "x""#, &item));
        assert!(check(r#"Missing != "x""#, &item));
        assert!(!check(r#"ServiceName.Deeper == "x""#, &item));
        assert!(!check(r#"Missing contains "x""#, &item));
        assert!(check(r#"Missing not contains "x""#, &item));
        assert!(!check(r#""x" in Missing"#, &item));
        assert!(check(r#""x" not in Missing"#, &item));
        assert!(check("Missing is empty", &item));
        assert!(!check("Missing is not empty", &item));
    }

    /// `contains` on arrays, strings and objects.
    #[test]
    fn contains_operator() {
        let item = instance();
        assert!(check(r#"ServiceTags contains "v1""#, &item));
        assert!(check("ServiceTags contains primary", &item));
        assert!(!check(r#"ServiceTags contains "v2""#, &item));
        assert!(check(r#"ServiceTags not contains "v2""#, &item));
        assert!(!check(r#"ServiceTags not contains "v1""#, &item));
        // Substring for strings.
        assert!(check(r#"ServiceName contains "e""#, &item));
        assert!(!check(r#"ServiceName contains "x""#, &item));
        // Key membership for objects.
        assert!(check(r#"ServiceMeta contains "env""#, &item));
        assert!(!check(r#"ServiceMeta contains "prod""#, &item));
        // Numbers contain nothing.
        assert!(!check(r#"ServicePort contains "8""#, &item));
        // Array elements use the same equality as `==`.
        let ports = json!({"Ports": [80, 443]});
        assert!(check("Ports contains 443", &ports));
        assert!(check(r#"Ports contains "80""#, &ports));
    }

    /// `in` mirrors `contains`, and a bare word before `in` is a value, not a selector.
    #[test]
    fn in_operator() {
        let item = instance();
        assert!(check(r#""v1" in ServiceTags"#, &item));
        assert!(check("v1 in ServiceTags", &item));
        assert!(check("`primary` in ServiceTags", &item));
        assert!(!check(r#""v2" in ServiceTags"#, &item));
        assert!(check(r#""v2" not in ServiceTags"#, &item));
        assert!(check("v2 not in ServiceTags", &item));
        assert!(!check("v1 not in ServiceTags", &item));
        assert!(check(r#""env" in ServiceMeta"#, &item));
        assert!(check(r#""we" in ServiceName"#, &item));
    }

    /// Absent, null, "", [] and {} are all empty; numbers and booleans never are.
    #[test]
    fn is_empty_operator() {
        let item = instance();
        for empty in ["Missing", "ServiceProxy", "ServiceAddress", "NodeMeta"] {
            assert!(check(&format!("{empty} is empty"), &item), "{empty}");
            assert!(!check(&format!("{empty} is not empty"), &item), "{empty}");
        }
        for full in [
            "ServiceName",
            "ServiceTags",
            "ServiceMeta",
            "ServicePort",
            "ServiceEnableTagOverride",
        ] {
            assert!(!check(&format!("{full} is empty"), &item), "{full}");
            assert!(check(&format!("{full} is not empty"), &item), "{full}");
        }
        assert!(check("Tags is empty", &json!({"Tags": []})));
        assert!(check("Service.Tags is empty", &all_passing()));
        assert!(check("Checks.Status is empty", &json!({"Checks": []})));
        assert!(check("Checks.Status is not empty", &health()));
    }

    /// `not` binds tighter than `and`, which binds tighter than `or`.
    #[test]
    fn precedence() {
        let item = instance();
        // true or (false and false) = true; (true or false) and false would be false.
        assert!(check(
            r#"ServiceName == "web" or ServiceName == "db" and ServicePort == 1"#,
            &item
        ));
        // (false and true) or true.
        assert!(check(
            r#"ServiceName == "db" and ServicePort == 80 or Node == "n1""#,
            &item
        ));
        // (not true) and true = false; not (true and true) would also be false, so use or.
        assert!(check(
            r#"not ServiceName == "web" or ServicePort == 80"#,
            &item
        ));
        assert!(!check(
            r#"not ServiceName == "web" and ServicePort == 80"#,
            &item
        ));
        assert!(check(r#"not not ServiceName == "web""#, &item));
        assert!(check(r#"ServiceName == "web" and not Node == "n2""#, &item));
    }

    /// Parentheses override precedence and may nest.
    #[test]
    fn parentheses() {
        let item = instance();
        assert!(!check(
            r#"(ServiceName == "web" or ServiceName == "db") and ServicePort == 1"#,
            &item
        ));
        assert!(check(
            r#"(ServiceName == "web" or ServiceName == "db") and ServicePort == 80"#,
            &item
        ));
        assert!(!check(
            r#"not (ServiceName == "web" and ServicePort == 80)"#,
            &item
        ));
        assert!(check(r#"((((ServiceName == "web"))))"#, &item));
        assert!(check(
            r#"(Node=="n1")and("v1"in ServiceTags)and(ServicePort!=1)"#,
            &item
        ));
    }

    /// Dotted selectors walk nested objects.
    #[test]
    fn nested_selectors() {
        let item = instance();
        assert!(check(r#"ServiceMeta.env == "prod""#, &item));
        assert!(check(r#"TaggedAddresses.lan.Address == "10.0.0.1""#, &item));
        assert!(check("TaggedAddresses.lan.Port == 80", &item));
        assert!(!check(
            r#"TaggedAddresses.wan.Address == "10.0.0.1""#,
            &item
        ));
        let h = health();
        assert!(check(r#"Node.Meta.env == "prod""#, &h));
        assert!(check(r#"Service.Service == "web""#, &h));
        assert!(check(r#"Service.Tags contains "canary""#, &h));
        assert!(check(r#""rack" in Node.Meta"#, &h));
        // Hyphens and slashes are identifier characters.
        let meta = json!({"Meta": {"consul-version": "1.20", "k8s/ns": "default"}});
        assert!(check(r#"Meta.consul-version == "1.20""#, &meta));
        assert!(check("Meta.k8s/ns == default", &meta));
    }

    /// `["key"]` reaches keys that are not identifiers, and may be followed by more segments.
    #[test]
    fn bracket_map_keys() {
        let item = instance();
        assert!(check(r#"ServiceMeta["env"] == "prod""#, &item));
        assert!(check(r#"ServiceMeta["some key"] == "spaced""#, &item));
        assert!(check(r#"ServiceMeta["a.b"] == "dotted""#, &item));
        assert!(check(r#"ServiceMeta[`some key`] == spaced"#, &item));
        assert!(check(r#"ServiceMeta[ "env" ] == "prod""#, &item));
        assert!(check(r#"TaggedAddresses["lan"].Port == 80"#, &item));
        assert!(check(
            r#"TaggedAddresses["lan"]["Address"] == 10.0.0.1"#,
            &item
        ));
        assert!(check(r#""Port" in TaggedAddresses["lan"]"#, &item));
        assert!(check(r#"ServiceMeta["nope"] is empty"#, &item));
    }

    /// Selectors fan out over arrays of objects; `contains`/`in` mean "any element".
    #[test]
    fn arrays_of_objects_fan_out() {
        let h = health();
        assert!(check(r#"Checks.Status contains "critical""#, &h));
        assert!(check(r#""critical" in Checks.Status"#, &h));
        assert!(check(r#""passing" in Checks.Status"#, &h));
        assert!(!check(r#""warning" in Checks.Status"#, &h));
        assert!(check(r#""warning" not in Checks.Status"#, &h));
        assert!(check(r#"Checks.CheckID contains "serfHealth""#, &h));
        // Arrays collected from every element are merged.
        assert!(check(r#"Checks.ServiceTags contains "v1""#, &h));
        assert!(!check(r#"Checks.ServiceTags contains "v2""#, &h));
        // Elements without the field are skipped; scalar elements are ignored.
        let mixed = json!({"Items": [{"Name": "a"}, {"Other": 1}, "loose", 7]});
        assert!(check(r#""a" in Items.Name"#, &mixed));
        assert!(check(r#"Items.Name == "a""#, &mixed));
        // Fan-out through nested arrays.
        let nested = json!({"Nodes": [
            {"Checks": [{"Status": "passing"}]},
            {"Checks": [{"Status": "critical"}]}
        ]});
        assert!(check(r#""critical" in Nodes.Checks.Status"#, &nested));
    }

    /// Numeric segments index arrays instead of fanning out.
    #[test]
    fn numeric_index_segments() {
        let h = health();
        assert!(check(r#"Checks.0.Status == "passing""#, &h));
        assert!(check(r#"Checks.1.Status == "critical""#, &h));
        assert!(check(r#"Checks.5.Status is empty"#, &h));
        assert!(check(r#"Service.Tags.1 == "canary""#, &h));
    }

    /// `==` on a collection holds when it is non-empty and every element equals; `!=` negates it.
    #[test]
    fn equality_on_collections_means_all() {
        let h = health();
        let ok = all_passing();
        assert!(!check(r#"Checks.Status == "passing""#, &h));
        assert!(check(r#"Checks.Status != "passing""#, &h));
        assert!(check(r#"Checks.Status == "passing""#, &ok));
        assert!(!check(r#"Checks.Status != "passing""#, &ok));
        // Plain JSON arrays behave the same.
        assert!(check(r#"Tags == "v1""#, &json!({"Tags": ["v1", "v1"]})));
        assert!(!check(r#"Tags == "v1""#, &json!({"Tags": ["v1", "v2"]})));
        // An empty collection equals nothing.
        let none = json!({"Checks": [], "Tags": []});
        assert!(!check(r#"Checks.Status == "passing""#, &none));
        assert!(check(r#"Checks.Status != "passing""#, &none));
        assert!(!check(r#"Tags == """#, &none));
        // Objects equal nothing.
        assert!(!check(r#"ServiceMeta == "prod""#, &instance()));
    }

    /// Keywords are case-sensitive, so capitalised ones are ordinary identifiers.
    #[test]
    fn keywords_are_case_sensitive() {
        let item = json!({"Not": "x", "AND": 1});
        assert!(check(r#"Not == "x""#, &item));
        assert!(check("AND == 1", &item));
        assert!(
            parse_err(r#"Name == "x" AND Name == "y""#)
                .to_string()
                .contains("\"AND\"")
        );
    }

    /// String escapes are decoded; raw strings keep backslashes.
    #[test]
    fn string_escapes() {
        let item = json!({"S": "a\"b\\c\nd\te", "R": "x\\ny"});
        assert!(check(r#"S == "a\"b\\c\nd\te""#, &item));
        assert!(check(r"R == `x\ny`", &item));
        assert!(check(r#"R == "x\\ny""#, &item));
        let unicode = json!({"Name": "café"});
        assert!(check(r#"Name == "café""#, &unicode));
        assert!(check("Name == café", &unicode));
    }

    /// `validate` accepts known top-level fields and names the first unknown selector.
    #[test]
    fn validate_selectors() {
        let fields = [
            "Node",
            "ServiceName",
            "ServiceTags",
            "ServiceMeta",
            "ServicePort",
        ];
        let ok = Filter::parse(
            r#"ServiceName == "web" and ("v1" in ServiceTags or not ServiceMeta["env"] == "dev") and ServiceMeta.x.y is empty"#,
        )
        .unwrap();
        assert_eq!(ok.validate(&fields), Ok(()));

        let bad = Filter::parse(r#"ServiceName == "web" or not ("x" in Foo.Bar)"#).unwrap();
        let err = bad.validate(&fields).unwrap_err();
        assert_eq!(
            err,
            FilterError::InvalidSelector {
                selector: "Foo.Bar".to_string()
            }
        );
        assert_eq!(err.to_string(), r#"Selector "Foo.Bar" is not valid"#);

        let bracket = Filter::parse(r#"Meta["k"] == v"#).unwrap();
        assert_eq!(
            bracket.validate(&fields).unwrap_err().to_string(),
            r#"Selector "Meta["k"]" is not valid"#
        );
        // Case matters, like the JSON field names.
        let lower = Filter::parse("servicename == web").unwrap();
        assert!(lower.validate(&fields).is_err());
        assert!(lower.validate(&[]).is_err());
    }

    /// `matches` is recognised and refused with a clear message.
    #[test]
    fn matches_is_unsupported() {
        let err = parse_err(r#"ServiceName matches "^w""#);
        assert_eq!(
            err,
            FilterError::Unsupported {
                column: 13,
                operator: "matches".to_string()
            }
        );
        assert!(err.to_string().contains("not supported"));
        assert!(matches!(
            parse_err(r#"ServiceName not matches "^w""#),
            FilterError::Unsupported { .. }
        ));
    }

    /// Error messages name the problem and the column.
    #[test]
    fn error_messages() {
        let err = parse_err("ServicePort ==");
        assert_eq!(
            err.to_string(),
            r#"invalid filter expression at column 15: expected a value after "==", found end of input"#
        );
        assert_eq!(
            syntax_column(r#"ServiceName == "web" extra"#),
            (
                22,
                r#"expected "and", "or" or end of input, found "extra""#.to_string()
            )
        );
        assert_eq!(
            syntax_column(r#"Name == "x")"#),
            (12, r#"unmatched ")""#.to_string())
        );
        let (column, message) = syntax_column(r#"(Name == "x""#);
        assert_eq!(column, 13);
        assert!(
            message.contains("to close the \"(\" at column 1"),
            "{message}"
        );
        let (column, message) = syntax_column(r#"Name == "unterminated"#);
        assert_eq!((column, message.as_str()), (9, "unterminated string"));
        let (column, message) = syntax_column("Name == `raw");
        assert_eq!((column, message.as_str()), (9, "unterminated raw string"));
        let (column, message) = syntax_column(r#"Name == "a\qb""#);
        assert_eq!(column, 11);
        assert!(message.contains("unknown escape"), "{message}");
        let (column, message) = syntax_column("Name = x");
        assert_eq!(
            (column, message.as_str()),
            (6, r#"expected "==", found "=""#)
        );
        let (column, message) = syntax_column("Name ! x");
        assert_eq!(column, 6);
        assert!(message.contains("!="), "{message}");
        let (column, message) = syntax_column("Name == x & y");
        assert_eq!((column, message.as_str()), (11, "unexpected character '&'"));
        assert_eq!(syntax_column(r#"Meta["k"] = x"#).0, 11,);
        assert_eq!(
            parse_err("Name equals x").to_string(),
            "invalid filter expression at column 6: expected an operator (==, !=, contains, \
             not contains, is empty, is not empty) after selector \"Name\", found \"equals\""
        );
        // Columns count characters, not bytes.
        let (column, _) = syntax_column("Name == café &");
        assert_eq!(column, 14);
    }

    /// Each incomplete or misplaced construct is refused rather than guessed at.
    #[test]
    fn refuses_malformed_expressions() {
        for bad in [
            "",
            "   ",
            "()",
            "(",
            ")",
            "Name",
            "Name ==",
            "== x",
            "Name == and",
            "Name == (x)",
            "Name is",
            "Name is not",
            "Name is full",
            "Name not",
            "Name not equal x",
            r#""x" Tags"#,
            r#""x" in"#,
            r#""x" in "Tags""#,
            "x in and",
            "Name contains",
            r#"Meta["k" == x"#,
            "Meta[k] == x",
            "Meta[] == x",
            r#"Meta["k"] .x == y"#,
            r#"Meta["k"]. == y"#,
            "Meta..k == x",
            "Meta. == x",
            ".Meta == x",
            "a == 1 and",
            "a == 1 or or b == 2",
            "not",
            "and a == 1",
            "a == 1 b == 2",
            "[ == 1",
            "a == ]",
        ] {
            match Filter::parse(bad) {
                Ok(filter) => panic!("{bad:?} should be refused, parsed as {filter:?}"),
                Err(err) => assert!(
                    err.to_string()
                        .starts_with("invalid filter expression at column "),
                    "{bad:?}: {err}"
                ),
            }
        }
    }

    /// The size and nesting limits hold, and deep input is refused without recursion trouble.
    #[test]
    fn limits() {
        let deep_ok = format!("{}a == 1{}", "(".repeat(32), ")".repeat(32));
        assert!(check(&deep_ok, &json!({"a": 1})));
        let too_deep = format!("{}a == 1{}", "(".repeat(33), ")".repeat(33));
        assert_eq!(parse_err(&too_deep), FilterError::TooDeep { column: 33 });
        assert!(matches!(
            parse_err(&"(".repeat(4000)),
            FilterError::TooDeep { .. }
        ));
        assert!(matches!(
            parse_err(&format!("{}a == 1", "not ".repeat(1000))),
            FilterError::TooDeep { .. }
        ));
        assert!(check(
            &format!("{}a == 1", "not ".repeat(32)),
            &json!({"a": 1})
        ));
        assert_eq!(
            parse_err(&"(".repeat(5000)),
            FilterError::TooLong { len: 5000 }
        );
        // Long flat chains are fine: they do not nest.
        let chain = vec!["a == 1"; 400].join(" or ");
        assert!(chain.len() <= MAX_EXPRESSION_BYTES);
        assert!(check(&chain, &json!({"a": 1})));
        let exact = format!("a == \"{}\"", "x".repeat(MAX_EXPRESSION_BYTES - 7));
        assert_eq!(exact.len(), MAX_EXPRESSION_BYTES);
        assert!(Filter::parse(&exact).is_ok());
    }

    /// Small deterministic generator so the fuzz tests need no extra crates.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// Random bytes never panic the parser or the evaluator.
    #[test]
    fn fuzz_random_bytes() {
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        let items = [instance(), health(), json!(null), json!([1, 2]), json!("s")];
        for _ in 0..3000 {
            let len = rng.below(48);
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let text = String::from_utf8_lossy(&bytes);
            if let Ok(filter) = Filter::parse(&text) {
                for item in &items {
                    let _ = filter.matches(item);
                }
                let _ = filter.validate(&["Node"]);
            }
        }
    }

    /// Random sequences of real tokens reach deep into the parser; none may panic.
    #[test]
    fn fuzz_token_soup() {
        const PIECES: [&str; 32] = [
            "(",
            ")",
            "and",
            "or",
            "not",
            "==",
            "!=",
            "contains",
            "in",
            "is",
            "empty",
            "matches",
            "\"v1\"",
            "`raw`",
            "\"",
            "`",
            "ServiceTags",
            "Checks.Status",
            "Node.Meta.env",
            "[",
            "]",
            "[\"k\"]",
            ".",
            ".x",
            "80",
            "1.5",
            "-3",
            "true",
            "é",
            "\\",
            "=",
            "!",
        ];
        let mut rng = XorShift(42);
        let items = [instance(), health(), all_passing(), json!({}), json!(7)];
        let mut parsed = 0;
        for _ in 0..20_000 {
            let count = 1 + rng.below(12);
            let mut text = String::new();
            for _ in 0..count {
                text.push_str(PIECES[rng.below(PIECES.len())]);
                if rng.below(3) > 0 {
                    text.push(' ');
                }
            }
            match Filter::parse(&text) {
                Ok(filter) => {
                    parsed += 1;
                    for item in &items {
                        let _ = filter.matches(item);
                    }
                    let _ = filter.validate(&["ServiceTags", "Checks"]);
                }
                Err(err) => {
                    let message = err.to_string();
                    assert!(!message.is_empty(), "{text:?}");
                }
            }
        }
        assert!(parsed > 0, "the soup should produce some valid expressions");
    }
}
