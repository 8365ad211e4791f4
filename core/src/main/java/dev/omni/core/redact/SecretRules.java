package dev.omni.core.redact;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The secret patterns omni knows, after the rule sets of gitleaks and similar scanners: each has a
 * kind (what {@code [REDACTED:kind]} says), a pattern whose group {@code secret} is what gets
 * replaced (the whole match when there is no such group), keywords of which one must appear
 * (lowercase) before the pattern is tried at all, and for generic assignments a minimum Shannon
 * entropy, so that {@code password = getPassword()} or {@code token: null} stay.
 */
final class SecretRules {
    record Rule(String kind, Pattern pattern, List<String> keywords, double minEntropy) {
        Rule(String kind, String regex, String... keywords) {
            this(kind, Pattern.compile(regex), List.of(keywords), 0);
        }
    }

    private SecretRules() {
    }

    static final List<Rule> RULES = List.of(
            new Rule("private-key", "-----BEGIN[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----[\\s\\S]*?-----END[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----",
                    "private key"),
            new Rule("anthropic-api-key", "\\bsk-ant-(?:api|admin|sid)\\d{2}-[A-Za-z0-9_-]{80,}", "sk-ant-"),
            new Rule("openai-api-key", "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}", "t3blbkfj"),
            new Rule("openai-api-key", "\\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}", "sk-proj-", "sk-svcacct-", "sk-admin-"),
            new Rule("aws-access-key-id", "\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\\b", "akia", "asia", "abia", "acca", "a3t"),
            new Rule("github-token", "\\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\\b", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            new Rule("github-token", "\\bgithub_pat_[A-Za-z0-9_]{82}\\b", "github_pat_"),
            new Rule("gitlab-token", "\\bglpat-[A-Za-z0-9_-]{20}\\b", "glpat-"),
            new Rule("slack-token", "\\bxox[baprs]-[A-Za-z0-9-]{10,72}", "xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"),
            new Rule("slack-webhook", "https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9+/]{40,}", "hooks.slack.com"),
            new Rule("google-api-key", "\\bAIza[0-9A-Za-z_-]{35}\\b", "aiza"),
            new Rule("stripe-key", "\\b(?:sk|rk)_(?:test|live|prod)_[0-9A-Za-z]{10,99}\\b", "sk_live_", "sk_test_", "rk_live_", "rk_test_",
                    "sk_prod_", "rk_prod_"),
            new Rule("npm-token", "\\bnpm_[A-Za-z0-9]{36}\\b", "npm_"),
            new Rule("pypi-token", "\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}", "pypi-ageichlwas5vcmc"),
            new Rule("huggingface-token", "\\bhf_[A-Za-z]{34}\\b", "hf_"),
            new Rule("sendgrid-key", "\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}\\b", "sg."),
            new Rule("nvidia-api-key", "\\bnvapi-[A-Za-z0-9_-]{60,}", "nvapi-"),
            new Rule("digitalocean-token", "\\bdo[opr]_v1_[a-f0-9]{64}\\b", "dop_v1_", "doo_v1_", "dor_v1_"),
            new Rule("jwt", "\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}", "eyj"),
            new Rule("password-in-url", "\\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\\s:/@\"'<>]{1,64}:(?<secret>[^\\s@/\"'<>]{3,128})@[A-Za-z0-9.-]",
                    "://"),
            new Rule("secret-assignment", Pattern.compile("(?i)\\b[a-z0-9_.-]*(?:api[_-]?key|secret|token|passw(?:or)?d|passwd|pwd"
                    + "|credentials?|access[_-]?key|auth[_-]?key|client[_-]?secret)[a-z0-9_.-]*[\"']?\\s*(?:=|:=|:|=>)\\s*[\"']?"
                    + "(?<secret>[A-Za-z0-9+/=_\\-!#%^&*~]{12,})"),
                    List.of("key", "secret", "token", "passw", "pwd", "credential"), 3.5));
}
