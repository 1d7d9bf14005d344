#!/usr/bin/env bash
# The container's entrypoint: glm-mcp as a shared Streamable HTTP service, with its bearer token read from a secret file.
#
#   glm-mcp-entrypoint [glm-mcp serve options…]   serve on 0.0.0.0:$GLM_MCP_PORT (8931) at /mcp, token required
#   glm-mcp-entrypoint health                      exit 0 when GET /healthz answers 200 (the image's HEALTHCHECK)
#
# GLM_MCP_TOKEN_FILE   the secret holding the token (default /run/secrets/glm_mcp_token; at least 16 characters)
# GLM_MCP_PORT         the port (default 8931)
# GLM_MCP_SERVER       the glm-mcp executable (default /opt/glm-mcp/glm-mcp)
# Every other setting comes as GLM_MCP_<Section>__<Key>, e.g. GLM_MCP_Engine__Kind=openai.
set -euo pipefail

server="${GLM_MCP_SERVER:-/opt/glm-mcp/glm-mcp}"
port="${GLM_MCP_PORT:-8931}"
token_file="${GLM_MCP_TOKEN_FILE:-/run/secrets/glm_mcp_token}"

fail() {
  echo "glm-mcp entrypoint: $*" >&2
  exit 2
}

[[ "$port" =~ ^[0-9]+$ ]] && (( port >= 1 && port <= 65535 )) || fail "GLM_MCP_PORT='$port' is not a port number (1-65535)."

if [[ "${1:-}" == "health" ]]; then
  # Plain bash, so the image needs no curl: one HTTP/1.0 request, the status line decides.
  exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || exit 1
  printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  IFS= read -r -t 5 status <&3 || exit 1
  [[ "$status" == "HTTP/1."?" 200"* ]] || exit 1
  exit 0
fi

[[ -x "$server" ]] || fail "the server executable $server is missing (set GLM_MCP_SERVER)."
[[ -f "$token_file" ]] ||
  fail "no token file at $token_file: mount the token as a secret there (compose: 'secrets: [glm_mcp_token]'; e.g. 'openssl rand -hex 32 > glm_mcp_token.txt') or set GLM_MCP_TOKEN_FILE."
[[ -r "$token_file" ]] || fail "the token file $token_file is not readable by user $(id -un) (uid $(id -u)); make it readable to that user."
token="$(tr -d '\r\n' < "$token_file")"
(( ${#token} >= 16 )) || fail "the token in $token_file is ${#token} characters long; use at least 16 random characters (e.g. 'openssl rand -hex 32')."

# The token goes through the environment, not the command line, so `ps` in the container does not show it.
export GLM_MCP_Http__Token="$token"
exec "$server" serve --http --host 0.0.0.0 --port "$port" "$@"
