#!/usr/bin/env bash
# Fails when the output of a test run contains a secret: the placeholder keys, bot tokens and
# webhook secrets that the tests use, or any string shaped like an OpenAI key or a Telegram bot
# token. Run it after the tests (./scripts/test.sh && ./scripts/check-secrets.sh). It searches
# every module's target/surefire-reports and target/failsafe-reports (test output, logs, report
# XML) and prints the file, line number and rule of each hit, never the matched text itself.
#
# A test that fails because it found a leak prints the secret in its own report, so this script
# then fails too. Fix the leak, not the list.
set -euo pipefail
cd "$(dirname "$0")/.."

# The secrets the tests hand to the bot. Add new ones here when a test introduces them.
exact=(
    "123456:TEST_token_for_fake_server"
    "987654321:LEAKCHECK_telegram-token_0123456789"
    "LEAKCHECK_telegram-token_0123456789"
    "sk-test-placeholder-key"
    "sk-test-PLACEHOLDER-KEY-0123456789"
    "sk-test-RELAY-placeholder-0001"
    "sk-test-OFFICIAL-placeholder-0002"
    "sk-test-relay-placeholder"
    "sk-test-official-placeholder"
    "sk-test-LEAKCHECK-openai-key-0123456789"
    "placeholder-discord-bot-token"
    "LEAKCHECK.discord-token.0123456789abcdef"
    "test-webhook-secret_0123456789"
    "LEAKCHECK-webhook-secret_0123456789"
)
# Shapes of real secrets: an OpenAI key (sk- and at least 20 key characters) and a Telegram bot
# token (a numeric bot id, a colon and at least 30 token characters).
shapes=(
    'sk-[A-Za-z0-9_-]{20,}'
    '[0-9]{6,}:[A-Za-z0-9_-]{30,}'
)

mapfile -t reports < <(find . -path '*/target/surefire-reports' -o -path '*/target/failsafe-reports' | sort)
if [ "${#reports[@]}" -eq 0 ]; then
    echo "check-secrets: no target/surefire-reports or target/failsafe-reports found; run the tests first" >&2
    exit 2
fi

found=0
report_hits() {
    local rule="$1"
    shift
    local hits
    hits=$(grep -rnoa "$@" "${reports[@]}" 2>/dev/null | cut -d: -f1,2 | sort -u || true)
    if [ -n "$hits" ]; then
        found=1
        while IFS= read -r hit; do
            echo "check-secrets: $hit: $rule"
        done <<< "$hits"
    fi
}

for index in "${!exact[@]}"; do
    report_hits "test secret #$((index + 1)) of the list in scripts/check-secrets.sh" -F -e "${exact[$index]}"
done
for shape in "${shapes[@]}"; do
    report_hits "a string shaped like a secret ($shape)" -E -e "$shape"
done

if [ "$found" -ne 0 ]; then
    echo "check-secrets: FAILED: secrets appear in test output (see the files and lines above)" >&2
    exit 1
fi
echo "check-secrets: no secret found in ${#reports[@]} report folders"
