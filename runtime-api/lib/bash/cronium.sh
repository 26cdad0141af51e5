# Cronium helpers for Bash scripts run by runtime-api. runtime-api loads this file before the
# script, so scripts call the functions without sourcing anything.
#
#   cronium_input                     print the run's input
#   cronium_output JSON               set the run's output (any JSON value)
#   cronium_get_variable KEY          print a variable (nothing when unset)
#   cronium_set_variable KEY JSON     set a variable (any JSON value)
#   cronium_variable_exists KEY       exit status 0 when the variable holds a value (not null)
#   cronium_delete_variable KEY       delete a variable
#   cronium_increment_variable KEY [BY]  add BY (default 1) to an integer variable (unset: 0),
#                                     print the new value; atomic within the run
#   cronium_append_variable KEY JSON  append a value to an array variable (unset: a new array)
#   cronium_set_condition true|false
#   cronium_event                     print the event context
#   cronium_event_field FIELD         print one field of it (nothing when absent)
#   cronium_info                      print the helper API, execution and event this run has
#   cronium_send_email TO SUBJECT BODY [CC] [BCC] [TOOL]  send an email (recipients comma-separated;
#                                     an empty TO sends to the tool's own recipients)
#   cronium_send_slack_message CHANNEL TEXT [TOOL]  post to Slack (an empty CHANNEL keeps the webhook's)
#   cronium_send_discord_message CHANNEL_ID CONTENT [TOOL]  post to Discord (the webhook decides the channel)
#   cronium_execute_tool_action TOOL ACTION CONFIG_JSON  e.g. ops-hook send-message '{"message":"hi"}'
#
# The send helpers use the tool Secrets the Event lists in spec.tools: without TOOL, the one of
# that type (docs/helpers.md). A send that did not go out is a failed call, as below.
#
# Values are JSON. Printed values are JSON too, except strings, which are printed raw (as
# Cronium's helpers did), so that `name=$(cronium_get_variable name)` needs no unquoting.
# A wrong call prints a one-line message and exits the script with status 1.

__cronium_fail() {
  printf 'cronium: %s\n' "$*" >&2
  exit 1
}

# __cronium_request CALLER METHOD PATH [BODY]: puts the response body into __cronium_response,
# which the caller declares local, so that no subshell swallows a failure's exit. The request
# goes over bash's own /dev/tcp: starting curl costs ~5 ms per call, a call here well under 1 ms.
__cronium_request() {
  local caller=$1 method=$2 path=$3 body=${4-} address fd status line length=0 response= LC_ALL=C
  [[ -n ${CRONIUM_RUNTIME_API:-} ]] ||
    __cronium_fail "$caller: CRONIUM_RUNTIME_API is not set; run the script through runtime-api"
  address=${CRONIUM_RUNTIME_API#http://}
  { exec {fd}<>"/dev/tcp/${address%:*}/${address##*:}"; } 2>/dev/null ||
    __cronium_fail "$caller: runtime API not reachable at ${CRONIUM_RUNTIME_API}"
  # LC_ALL=C (above) makes ${#body} and read -N count bytes, as Content-Length does.
  printf '%s %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$method" "$path" "$address" "${CRONIUM_EXECUTION_TOKEN:-}" "${#body}" "$body" >&"$fd"
  read -r -u "$fd" _ status _ || true
  while IFS= read -r -u "$fd" line && [[ -n ${line%$'\r'} ]]; do
    if [[ ${line,,} == content-length:* ]]; then
      length=${line//[!0-9]/}
    fi
  done
  if ((length > 65536)); then
    # bash reads a socket one byte at a time; cat reads big bodies in blocks.
    response=$(cat <&"$fd")
  elif ((length > 0)); then
    read -r -N "$length" -u "$fd" response || true
  fi
  exec {fd}>&-
  if [[ $status != 2?? ]]; then
    __cronium_fail "$caller: ${response%$'\n'}"
  fi
  __cronium_response=$response
}

# __cronium_call CALLER METHOD PATH [BODY]: prints the response body.
__cronium_call() {
  local __cronium_response
  __cronium_request "$@"
  if [[ -n $__cronium_response ]]; then
    printf '%s\n' "$__cronium_response"
  fi
}

# Keys go into the URL as they are, so they are checked here (same rule as the runtime API).
__cronium_check_key() {
  if [[ ! $2 =~ ^[A-Za-z0-9_.-]{1,253}$ ]]; then
    __cronium_fail "$1: invalid variable key \"$2\": use 1-253 characters from A-Z a-z 0-9 _ . -"
  fi
  if [[ $2 == . || $2 == ..* ]]; then
    __cronium_fail "$1: invalid variable key \"$2\": it must not be \".\" or start with \"..\""
  fi
}

cronium_input() {
  __cronium_call cronium_input GET '/input?format=text'
}

cronium_output() {
  (($# == 1)) || __cronium_fail "usage: cronium_output JSON"
  __cronium_call cronium_output PUT /output "$1"
}

cronium_get_variable() {
  (($# == 1)) || __cronium_fail "usage: cronium_get_variable KEY"
  __cronium_check_key cronium_get_variable "$1"
  __cronium_call cronium_get_variable GET "/variables/$1?format=text"
}

cronium_set_variable() {
  (($# == 2)) || __cronium_fail "usage: cronium_set_variable KEY JSON"
  __cronium_check_key cronium_set_variable "$1"
  __cronium_call cronium_set_variable PUT "/variables/$1" "$2"
}

cronium_variable_exists() {
  (($# == 1)) || __cronium_fail "usage: cronium_variable_exists KEY"
  __cronium_check_key cronium_variable_exists "$1"
  local __cronium_response
  __cronium_request cronium_variable_exists GET "/variables/$1/exists"
  [[ $__cronium_response == true ]]
}

cronium_delete_variable() {
  (($# == 1)) || __cronium_fail "usage: cronium_delete_variable KEY"
  __cronium_check_key cronium_delete_variable "$1"
  __cronium_call cronium_delete_variable DELETE "/variables/$1"
}

# The addition happens in runtime-api, so that parallel increments of one run never lose one.
cronium_increment_variable() {
  (($# == 1 || $# == 2)) || __cronium_fail "usage: cronium_increment_variable KEY [BY]"
  __cronium_check_key cronium_increment_variable "$1"
  [[ ${2-1} =~ ^-?[0-9]+$ ]] ||
    __cronium_fail "usage: cronium_increment_variable KEY [BY] (BY must be an integer, got \"$2\")"
  __cronium_call cronium_increment_variable POST "/variables/$1/increment" "${2-1}"
}

cronium_append_variable() {
  (($# == 2)) || __cronium_fail "usage: cronium_append_variable KEY JSON"
  __cronium_check_key cronium_append_variable "$1"
  __cronium_call cronium_append_variable POST "/variables/$1/append" "$2"
}

cronium_set_condition() {
  case ${1-} in
    true | false) ;;
    *) __cronium_fail "usage: cronium_set_condition true|false (got \"${1-}\")" ;;
  esac
  (($# == 1)) || __cronium_fail "usage: cronium_set_condition true|false"
  __cronium_call cronium_set_condition PUT /condition "$1"
}

cronium_event() {
  __cronium_call cronium_event GET '/event?format=text'
}

cronium_event_field() {
  (($# == 1)) || __cronium_fail "usage: cronium_event_field FIELD"
  [[ $1 =~ ^[A-Za-z0-9_]+$ ]] ||
    __cronium_fail "cronium_event_field: invalid field name \"$1\": use letters, digits and _"
  __cronium_call cronium_event_field GET "/event/$1?format=text"
}

# As Cronium's: what this run talks to and runs as, for debugging. The token is a secret and
# stays out of it.
cronium_info() {
  (($# == 0)) || __cronium_fail "usage: cronium_info"
  printf 'Cronium Bash helpers (runtime-api)\n'
  printf 'API URL: %s\n' "${CRONIUM_RUNTIME_API:-}"
  printf 'Execution ID: %s\n' "${CRONIUM_EXECUTION_ID:-}"
  printf 'Event: %s/%s\n' "$(cronium_event_field namespace)" "$(cronium_event_field name)"
  printf 'Run: %s (trigger %s, attempt %s)\n' "$(cronium_event_field runName)" \
    "$(cronium_event_field trigger)" "$(cronium_event_field attempt)"
}

# __cronium_json_string TEXT: TEXT as a JSON string, quotes included.
__cronium_json_string() {
  local text=$1 code hex char LC_ALL=C
  text=${text//\\/\\\\}
  text=${text//\"/\\\"}
  text=${text//$'\n'/\\n}
  text=${text//$'\r'/\\r}
  text=${text//$'\t'/\\t}
  if [[ $text == *[$'\x01'-$'\x1f']* ]]; then
    for ((code = 1; code < 32; code++)); do
      printf -v hex '%02x' "$code"
      printf -v char "\\x$hex"
      text=${text//"$char"/\\u00$hex}
    done
  fi
  printf '"%s"' "$text"
}

# __cronium_send CALLER TYPE TOOL CONFIG_JSON: one send through runtime-api; silent when it went out.
__cronium_send() {
  local __cronium_response tool=null
  [[ -z $3 ]] || tool=$(__cronium_json_string "$3")
  __cronium_request "$1" POST /tools/send "{\"type\":\"$2\",\"tool\":$tool,\"config\":$4}"
}

cronium_send_email() {
  (($# >= 3 && $# <= 6)) || __cronium_fail "usage: cronium_send_email TO SUBJECT BODY [CC] [BCC] [TOOL]"
  local config to=null cc=null bcc=null
  [[ -z $1 ]] || to=$(__cronium_json_string "$1")
  [[ -z ${4-} ]] || cc=$(__cronium_json_string "$4")
  [[ -z ${5-} ]] || bcc=$(__cronium_json_string "$5")
  config="{\"to\":$to,\"subject\":$(__cronium_json_string "$2"),\"body\":$(__cronium_json_string "$3"),\"cc\":$cc,\"bcc\":$bcc}"
  __cronium_send cronium_send_email email "${6-}" "$config"
}

cronium_send_slack_message() {
  (($# == 2 || $# == 3)) || __cronium_fail "usage: cronium_send_slack_message CHANNEL TEXT [TOOL]"
  local channel=null
  [[ -z $1 ]] || channel=$(__cronium_json_string "$1")
  __cronium_send cronium_send_slack_message slack "${3-}" "{\"channel\":$channel,\"text\":$(__cronium_json_string "$2")}"
}

cronium_send_discord_message() {
  (($# == 2 || $# == 3)) || __cronium_fail "usage: cronium_send_discord_message CHANNEL_ID CONTENT [TOOL]"
  local channel=null
  [[ -z $1 ]] || channel=$(__cronium_json_string "$1")
  __cronium_send cronium_send_discord_message discord "${3-}" "{\"channel_id\":$channel,\"content\":$(__cronium_json_string "$2")}"
}

cronium_execute_tool_action() {
  (($# == 3)) || __cronium_fail "usage: cronium_execute_tool_action TOOL ACTION CONFIG_JSON"
  local __cronium_response
  __cronium_request cronium_execute_tool_action POST /tools/send \
    "{\"tool\":$(__cronium_json_string "$1"),\"action\":$(__cronium_json_string "$2"),\"config\":$3}"
}

# Exported so that bash scripts started by the script can use the helpers too.
export -f __cronium_fail __cronium_request __cronium_call __cronium_check_key cronium_input \
  cronium_output cronium_get_variable cronium_set_variable cronium_variable_exists \
  cronium_delete_variable cronium_increment_variable cronium_append_variable \
  cronium_set_condition cronium_event cronium_event_field cronium_info __cronium_json_string \
  __cronium_send cronium_send_email cronium_send_slack_message cronium_send_discord_message \
  cronium_execute_tool_action
