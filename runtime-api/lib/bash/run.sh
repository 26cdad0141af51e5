# Entry of Bash runs (bash run.sh SCRIPT): loads the helpers, then runs the user's script in
# this same shell so that it sees the helper functions. $0 becomes the script's path.
source "${BASH_SOURCE[0]%/*}/cronium.sh"
BASH_ARGV0=$1
shift
source "$0"
