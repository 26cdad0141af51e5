# Cronium helpers for Bash scripts run by runtime-api. runtime-api loads this file before the
# script, so scripts call the functions without sourcing anything.
#
#   cronium_input                  print the run's input
#   cronium_output JSON            set the run's output (any JSON value)
#   cronium_get_variable KEY       print a variable (nothing when unset)
#   cronium_set_variable KEY JSON  set a variable (any JSON value)
#   cronium_set_condition true|false
#   cronium_event                  print the event context
#
# Values are JSON. Printed values are JSON too, except strings, which are printed raw (as
# Cronium's helpers did), so that `name=$(cronium_get_variable name)` needs no unquoting.
# A wrong call prints a one-line message and exits the script with status 1.

__cronium_fail() {
  printf 'cronium: %s\n' "$*" >&2
  exit 1
}

# __cronium_call CALLER METHOD PATH [BODY]: prints the response body. The request goes over
# bash's own /dev/tcp: starting curl costs ~5 ms per call, a call here well under 1 ms.
__cronium_call() {
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
  if [[ -n $response ]]; then
    printf '%s\n' "$response"
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

# Exported so that bash scripts started by the script can use the helpers too.
export -f __cronium_fail __cronium_call __cronium_check_key cronium_input cronium_output \
  cronium_get_variable cronium_set_variable cronium_set_condition cronium_event
