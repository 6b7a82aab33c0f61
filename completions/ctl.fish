# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ctl_global_optspecs
    string join \n format= h/help V/version
end

function __fish_ctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ctl_using_subcommand
    set -l cmd (__fish_ctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ctl -n "__fish_ctl_needs_command" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_needs_command" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_needs_command" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "agent" -d 'Run an agent (a server with --server or --dev; otherwise a client agent)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "kv" -d 'Read and write the key/value store'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "keygen" -d 'Print a new gossip encryption key (base64 of 32 random bytes)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "keyring" -d 'List and change the gossip encryption keys across the pool'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "members" -d 'List the members of the LAN pool'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "join" -d 'Ask the agent to join the pool through other members'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "leave" -d 'Leave the pool gracefully and stop the agent'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "force-leave" -d 'Move a failed member to `left`, or forget it with --prune'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "event" -d 'Fire a user event across the pool'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "info" -d 'Print the agent\'s runtime statistics'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "operator" -d 'Cluster-level operations (Raft peers, leadership)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "catalog" -d 'Read the service catalog (datacenters, nodes, services)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "services" -d 'Register and deregister the local agent\'s services'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "health" -d 'Who is healthy: service instances and checks'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "snapshot" -d 'Save, restore and inspect snapshots of the cluster\'s state'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "watch" -d 'Follow a view (key, prefix, services, nodes, service, checks, events) and print or handle every change'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "lock" -d 'Run a command while holding a lock (or one of N semaphore slots) in the KV store'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "reload" -d 'Re-read the agent\'s configuration files and apply what can change without a restart'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "validate" -d 'Check config files without starting an agent'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "bench" -d 'Load-test a Consul-compatible agent'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "tls" -d 'Create a CA and agent certificates for TLS, and inspect certificates'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "tui" -d 'The live terminal dashboard (or one frame as text with --once)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "demo" -d 'Bring up a local demo cluster (3 servers, 2 clients, sample services) and open the dashboard on it'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "debug" -d 'Capture an agent\'s state, metrics and logs into an archive for a bug report'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "monitor" -d 'Stream the agent\'s log lines as they happen'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l bootstrap-expect -d 'Servers to wait for before bootstrapping (`bootstrap_expect`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l data-dir -d 'Where state is kept (`data_dir`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l config-file -d 'A JSON or HCL config file; repeatable, later files win' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l config-dir -d 'A directory of .json/.hcl files read in lexical order; repeatable' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l node -d 'Node name (`node_name`, default: the host name)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l node-id -d 'Node id, a UUID (`node_id`; generated and persisted when absent)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l datacenter -d 'Datacenter (`datacenter`, default dc1)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l bind -d 'Address for cluster traffic (`bind_addr`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l advertise -d 'Address advertised to other nodes (`advertise_addr`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l client -d 'Address of the HTTP API (`client_addr`, default 127.0.0.1)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l http-port -d 'HTTP API port (`ports.http`, default 8500; -1 disables, 0 picks a free port)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l https-port -d 'HTTPS API port (`ports.https`, default -1 = off; needs `tls.https` certificates)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l dns-port -d 'DNS port, UDP and TCP (`ports.dns`, default 8600; -1 disables, 0 picks a free port)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l server-port -d 'Server RPC port (`ports.server`, default 8300)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l log-level -d 'TRACE, DEBUG, INFO, WARN or ERR (`log_level`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l serf-lan-port -d 'Gossip port (`ports.serf_lan`, default 8301; 0 picks a free port)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l join -d 'Join the pool through this address at start-up, failing if it cannot (`start_join`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l retry-join -d 'Join through this address, retrying in the background (`retry_join`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l retry-interval -d 'Time between retry-join attempts (`retry_interval`, default 30s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l retry-max -d 'Give up retry-join after this many attempts; 0 never gives up (`retry_max`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l encrypt -d 'Gossip encryption key, base64 (`encrypt`; the keyring file wins once written)' -r
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l dev -d 'Development mode: a single self-bootstrapping server, temporary storage, fast timings'
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l server -d 'Run as a server (`server`)'
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l bootstrap -d 'Bootstrap a single-server cluster (`bootstrap`)'
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l log-json -d 'Log in JSON (`log_json`)'
complete -c ctl -n "__fish_ctl_using_subcommand agent" -l disable-keyring-file -d 'Do not persist the keyring (`disable_keyring_file`)'
complete -c ctl -n "__fish_ctl_using_subcommand agent" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand agent" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and not __fish_seen_subcommand_from put get delete export import help" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand kv; and not __fish_seen_subcommand_from put get delete export import help" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and not __fish_seen_subcommand_from put get delete export import help" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and not __fish_seen_subcommand_from put get delete export import help" -f -a "put" -d 'Write a value: DATA literally, @FILE, or - for stdin'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and not __fish_seen_subcommand_from put get delete export import help" -f -a "get" -d 'Read a key, or keys under a prefix'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and not __fish_seen_subcommand_from put get delete export import help" -f -a "delete" -d 'Delete a key, or every key under a prefix'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and not __fish_seen_subcommand_from put get delete export import help" -f -a "export" -d 'Print keys under a prefix as JSON for `kv import`'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and not __fish_seen_subcommand_from put get delete export import help" -f -a "import" -d 'Write the entries of a `kv export` JSON array'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and not __fish_seen_subcommand_from put get delete export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l modify-index -d 'The ModifyIndex for --cas' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l session -d 'The session for --acquire / --release' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l flags -d 'Opaque flags stored with the value' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l cas -d 'Write only if the key\'s ModifyIndex equals --modify-index (0: only if absent)'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l acquire -d 'Take the key\'s lock for --session (writing the value)'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l release -d 'Give up the key\'s lock held by --session (writing the value)'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -l base64 -d 'DATA is base64; decode it before writing'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from put" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l separator -d 'Where --keys rolls names up into folders' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l recurse -d 'Every key under KEY as a prefix, one `key:value` per line'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l keys -d 'Only the key names under the prefix, rolled up at --separator'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l detailed -d 'Every field of the entry, not just its value'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -l base64 -d 'Print values base64-encoded'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l modify-index -d 'The ModifyIndex for --cas' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l recurse -d 'Delete every key under KEY as a prefix'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -l cas -d 'Delete only if the key\'s ModifyIndex equals --modify-index'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l prefix -d 'Put every key under this prefix' -r
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from help" -f -a "put" -d 'Write a value: DATA literally, @FILE, or - for stdin'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from help" -f -a "get" -d 'Read a key, or keys under a prefix'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a key, or every key under a prefix'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print keys under a prefix as JSON for `kv import`'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from help" -f -a "import" -d 'Write the entries of a `kv export` JSON array'
complete -c ctl -n "__fish_ctl_using_subcommand kv; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand keygen" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand keygen" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand keygen" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l install -d 'Install a new key on every node' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l use -d 'Make an installed key the primary on every node' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l remove -d 'Remove a key from every node' -r
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l list -d 'List the installed keys with how many nodes have each'
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -l list-primary -d 'List the primary keys'
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand keyring" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand members" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand members" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand members" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand members" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand members" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand members" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand members" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand members" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand members" -l status -d 'Only members whose status matches this regular expression' -r
complete -c ctl -n "__fish_ctl_using_subcommand members" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand members" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand members" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand members" -l detailed -d 'Show every tag instead of the summary columns'
complete -c ctl -n "__fish_ctl_using_subcommand members" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand members" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand join" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand join" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand join" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand join" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand join" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand join" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand join" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand join" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand join" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand join" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand join" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand join" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand join" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand leave" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand leave" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand leave" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -l prune -d 'Remove the member from the list entirely'
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand force-leave" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand event" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l name -d 'The event name' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l node -d 'Only nodes whose name matches this regular expression handle the event' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l service -d 'Only nodes with a matching service handle it' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l tag -d 'Only nodes with the service carrying a matching tag (needs --service)' -r
complete -c ctl -n "__fish_ctl_using_subcommand event" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand event" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand event" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand event" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand event" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand info" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand info" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand info" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand info" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand info" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and not __fish_seen_subcommand_from raft rollout help" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand operator; and not __fish_seen_subcommand_from raft rollout help" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and not __fish_seen_subcommand_from raft rollout help" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and not __fish_seen_subcommand_from raft rollout help" -f -a "raft" -d 'Inspect and change the Raft configuration'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and not __fish_seen_subcommand_from raft rollout help" -f -a "rollout" -d 'Roll gossip encryption, a new gossip key or TLS onto a running cluster, in verified stages'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and not __fish_seen_subcommand_from raft rollout help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from raft" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from raft" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from raft" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from raft" -f -a "list-peers" -d 'List the servers of the Raft configuration'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from raft" -f -a "remove-peer" -d 'Remove a server from the Raft configuration'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from raft" -f -a "transfer-leader" -d 'Hand leadership to another server'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from raft" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from rollout" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from rollout" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from rollout" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from rollout" -f -a "gossip-encryption" -d 'Take a plaintext gossip pool to enforced encryption, without a restart'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from rollout" -f -a "gossip-key" -d 'Rotate the gossip encryption key'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from rollout" -f -a "tls" -d 'Take a plaintext cluster to mutual TLS on server RPC and HTTPS'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from rollout" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from help" -f -a "raft" -d 'Inspect and change the Raft configuration'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from help" -f -a "rollout" -d 'Roll gossip encryption, a new gossip key or TLS onto a running cluster, in verified stages'
complete -c ctl -n "__fish_ctl_using_subcommand operator; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and not __fish_seen_subcommand_from datacenters nodes services help" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and not __fish_seen_subcommand_from datacenters nodes services help" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and not __fish_seen_subcommand_from datacenters nodes services help" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and not __fish_seen_subcommand_from datacenters nodes services help" -f -a "datacenters" -d 'List the known datacenters'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and not __fish_seen_subcommand_from datacenters nodes services help" -f -a "nodes" -d 'List the nodes in the catalog'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and not __fish_seen_subcommand_from datacenters nodes services help" -f -a "services" -d 'List the services in the catalog'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and not __fish_seen_subcommand_from datacenters nodes services help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from datacenters" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l service -d 'Only nodes that run this service' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l node-meta -d 'Only nodes with this metadata (repeatable)' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -l detailed -d 'Also show tagged addresses and metadata'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from nodes" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l node -d 'Only services on this node' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l node-meta -d 'Only services on nodes with this metadata (repeatable)' -r
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -l tags -d 'Show each service\'s tags'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from services" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "datacenters" -d 'List the known datacenters'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "nodes" -d 'List the nodes in the catalog'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "services" -d 'List the services in the catalog'
complete -c ctl -n "__fish_ctl_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand services; and not __fish_seen_subcommand_from register deregister help" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand services; and not __fish_seen_subcommand_from register deregister help" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand services; and not __fish_seen_subcommand_from register deregister help" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand services; and not __fish_seen_subcommand_from register deregister help" -f -a "register" -d 'Register a service with the local agent'
complete -c ctl -n "__fish_ctl_using_subcommand services; and not __fish_seen_subcommand_from register deregister help" -f -a "deregister" -d 'Deregister a service from the local agent'
complete -c ctl -n "__fish_ctl_using_subcommand services; and not __fish_seen_subcommand_from register deregister help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l name -d 'Service name (when no file is given)' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l id -d 'Service ID (defaults to the name)' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l address -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l port -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l tag -d 'A tag (repeatable)' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l meta -d 'Metadata `key=value` (repeatable)' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from register" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l id -d 'The service ID to remove (or give definition files)' -r
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from deregister" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from help" -f -a "register" -d 'Register a service with the local agent'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from help" -f -a "deregister" -d 'Deregister a service from the local agent'
complete -c ctl -n "__fish_ctl_using_subcommand services; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand health; and not __fish_seen_subcommand_from service checks help" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand health; and not __fish_seen_subcommand_from service checks help" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand health; and not __fish_seen_subcommand_from service checks help" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand health; and not __fish_seen_subcommand_from service checks help" -f -a "service" -d 'Instances of a service with their health'
complete -c ctl -n "__fish_ctl_using_subcommand health; and not __fish_seen_subcommand_from service checks help" -f -a "checks" -d 'Checks by state (or of one service)'
complete -c ctl -n "__fish_ctl_using_subcommand health; and not __fish_seen_subcommand_from service checks help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l tag -d 'Only instances with this tag' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -l passing -d 'Only instances whose checks all pass'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from service" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l state -d 'any, passing, warning or critical' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l service -d 'Only the checks of this service' -r
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from checks" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from help" -f -a "service" -d 'Instances of a service with their health'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from help" -f -a "checks" -d 'Checks by state (or of one service)'
complete -c ctl -n "__fish_ctl_using_subcommand health; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and not __fish_seen_subcommand_from save restore inspect help" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and not __fish_seen_subcommand_from save restore inspect help" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and not __fish_seen_subcommand_from save restore inspect help" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and not __fish_seen_subcommand_from save restore inspect help" -f -a "save" -d 'Save the cluster\'s state to a file'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and not __fish_seen_subcommand_from save restore inspect help" -f -a "restore" -d 'Replace the cluster\'s state with a saved snapshot'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and not __fish_seen_subcommand_from save restore inspect help" -f -a "inspect" -d 'Describe a snapshot file without contacting an agent'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and not __fish_seen_subcommand_from save restore inspect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from inspect" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save the cluster\'s state to a file'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Replace the cluster\'s state with a saved snapshot'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Describe a snapshot file without contacting an agent'
complete -c ctl -n "__fish_ctl_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l type -d 'What to watch' -r -f -a "key\t''
keyprefix\t''
services\t''
nodes\t''
service\t''
checks\t''
event\t''"
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l key -d 'The key (`--type key`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l prefix -d 'The key prefix (`--type keyprefix`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l service -d 'The service (`--type service`, or checks of one service with `--type checks`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l tag -d 'Only instances with this tag (`--type service`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l state -d 'Check state (`--type checks`): any, passing, warning or critical' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l name -d 'Event name (`--type event`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand watch" -l passingonly -d 'Only passing instances (`--type service`)'
complete -c ctl -n "__fish_ctl_using_subcommand watch" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand watch" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -s n -l limit -d 'How many may hold the lock at once; above 1 the lock is a semaphore' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l name -d 'The session\'s name (default: names the command and prefix)' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l shell -d 'Run the command through `sh -c` (`--shell=false` runs it directly)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l timeout -d 'Give up if the lock is not acquired within this long (e.g. `10s`; default: wait forever)' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l monitor-retry -d 'How many times to retry watching the lock (1 s apart) before treating it as lost' -r
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l pass-stdin -d 'Give the child this command\'s stdin'
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l child-exit-code -d 'Exit with 2 when the child fails (by default the child\'s failure is not propagated)'
complete -c ctl -n "__fish_ctl_using_subcommand lock" -l verbose -d 'Say what the lock is doing, on stderr'
complete -c ctl -n "__fish_ctl_using_subcommand lock" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand lock" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand reload" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand reload" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand reload" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand validate" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand validate" -l quiet -d 'Print nothing on success'
complete -c ctl -n "__fish_ctl_using_subcommand validate" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand validate" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand bench; and not __fish_seen_subcommand_from kv help" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand bench; and not __fish_seen_subcommand_from kv help" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand bench; and not __fish_seen_subcommand_from kv help" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand bench; and not __fish_seen_subcommand_from kv help" -f -a "kv" -d 'Put or get keys with N concurrent clients; print throughput and latency percentiles'
complete -c ctl -n "__fish_ctl_using_subcommand bench; and not __fish_seen_subcommand_from kv help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l clients -d 'Concurrent clients' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l duration -d 'How long to run (e.g. 10s, 1m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l requests -d 'Stop after this many requests instead of a duration' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l value-size -d 'Bytes per value' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l keys -d 'Keys chosen from at random' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l mode -r -f -a "put\t''
get\t''"
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l consistency -d 'Read consistency for --mode get' -r -f -a "default\t''
consistent\t''
stale\t''"
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l prefix -d 'Key prefix' -r
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from kv" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "kv" -d 'Put or get keys with N concurrent clients; print throughput and latency percentiles'
complete -c ctl -n "__fish_ctl_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and not __fish_seen_subcommand_from ca cert help" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand tls; and not __fish_seen_subcommand_from ca cert help" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and not __fish_seen_subcommand_from ca cert help" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and not __fish_seen_subcommand_from ca cert help" -f -a "ca" -d 'Create a certificate authority for the agents\' TLS'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and not __fish_seen_subcommand_from ca cert help" -f -a "cert" -d 'Create and inspect agent certificates'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and not __fish_seen_subcommand_from ca cert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from ca" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from ca" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from ca" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from ca" -f -a "create" -d 'Create a new CA: `<domain>-agent-ca.pem` and `<domain>-agent-ca-key.pem` in the current directory'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from ca" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from cert" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from cert" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from cert" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from cert" -f -a "create" -d 'Create a server, client or CLI certificate signed by the CA, in the current directory'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from cert" -f -a "inspect" -d 'Show what a certificate file holds: names, usages, issuer, validity'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from cert" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from help" -f -a "ca" -d 'Create a certificate authority for the agents\' TLS'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from help" -f -a "cert" -d 'Create and inspect agent certificates'
complete -c ctl -n "__fish_ctl_using_subcommand tls; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l view -d 'The view to open: overview, nodes, services, health, raft, gossip, kv, events (or 1-8)' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l width -d 'Width of the --once frame in columns [default: 80]' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l height -d 'Height of the --once frame in lines [default: 24]' -r
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l once -d 'Render one frame as plain text to stdout and exit (for scripts and tests)'
complete -c ctl -n "__fish_ctl_using_subcommand tui" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c ctl -n "__fish_ctl_using_subcommand tui" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand tui" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand demo" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand demo" -l no-tui -d 'Stay in the foreground without the dashboard (Ctrl-C stops everything)'
complete -c ctl -n "__fish_ctl_using_subcommand demo" -l no-color -d 'No colours in the dashboard (also when NO_COLOR is set)'
complete -c ctl -n "__fish_ctl_using_subcommand demo" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand demo" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l duration -d 'How long to capture logs and metrics' -r
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l interval -d 'How often to capture metrics' -r
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l output -d 'Where to write the capture (`PATH.tar.gz`) [default: ctl-debug-<unix time>]' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l archive -d 'Pack the capture into PATH.tar.gz (false leaves the folder)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand debug" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand debug" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand debug" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l http-addr -d 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]' -r
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l token -d 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]' -r
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l datacenter -d 'Datacenter to query (defaults to the agent\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l ca-file -d 'CA certificate to verify the agent\'s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l ca-path -d 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]' -r
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l client-cert -d 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l client-key -d 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]' -r
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l tls-server-name -d 'Name the agent\'s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]' -r
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l log-level -d 'Verbosity: trace, debug, info, warn or err (may be more verbose than the agent\'s own log)' -r
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l stale -d 'Allow any server to answer, even if behind the leader'
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l consistent -d 'Have the leader confirm with a quorum that it still leads before answering'
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -l log-json -d 'One JSON object per line instead of text'
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand monitor" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand completion" -l format -d 'Output format for commands that print data' -r -f -a "table\t''
json\t''"
complete -c ctl -n "__fish_ctl_using_subcommand completion" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand completion" -s V -l version -d 'Print version'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "agent" -d 'Run an agent (a server with --server or --dev; otherwise a client agent)'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "kv" -d 'Read and write the key/value store'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "keygen" -d 'Print a new gossip encryption key (base64 of 32 random bytes)'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "keyring" -d 'List and change the gossip encryption keys across the pool'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "members" -d 'List the members of the LAN pool'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "join" -d 'Ask the agent to join the pool through other members'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "leave" -d 'Leave the pool gracefully and stop the agent'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "force-leave" -d 'Move a failed member to `left`, or forget it with --prune'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "event" -d 'Fire a user event across the pool'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "info" -d 'Print the agent\'s runtime statistics'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "operator" -d 'Cluster-level operations (Raft peers, leadership)'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "catalog" -d 'Read the service catalog (datacenters, nodes, services)'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "services" -d 'Register and deregister the local agent\'s services'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "health" -d 'Who is healthy: service instances and checks'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "snapshot" -d 'Save, restore and inspect snapshots of the cluster\'s state'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "watch" -d 'Follow a view (key, prefix, services, nodes, service, checks, events) and print or handle every change'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "lock" -d 'Run a command while holding a lock (or one of N semaphore slots) in the KV store'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "reload" -d 'Re-read the agent\'s configuration files and apply what can change without a restart'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "validate" -d 'Check config files without starting an agent'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "bench" -d 'Load-test a Consul-compatible agent'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "tls" -d 'Create a CA and agent certificates for TLS, and inspect certificates'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "tui" -d 'The live terminal dashboard (or one frame as text with --once)'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "demo" -d 'Bring up a local demo cluster (3 servers, 2 clients, sample services) and open the dashboard on it'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "debug" -d 'Capture an agent\'s state, metrics and logs into an archive for a bug report'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "monitor" -d 'Stream the agent\'s log lines as they happen'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c ctl -n "__fish_ctl_using_subcommand help; and not __fish_seen_subcommand_from agent kv keygen keyring members join leave force-leave event info operator catalog services health snapshot watch lock reload validate bench tls tui demo debug monitor completion help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from kv" -f -a "put" -d 'Write a value: DATA literally, @FILE, or - for stdin'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from kv" -f -a "get" -d 'Read a key, or keys under a prefix'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from kv" -f -a "delete" -d 'Delete a key, or every key under a prefix'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from kv" -f -a "export" -d 'Print keys under a prefix as JSON for `kv import`'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from kv" -f -a "import" -d 'Write the entries of a `kv export` JSON array'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from operator" -f -a "raft" -d 'Inspect and change the Raft configuration'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from operator" -f -a "rollout" -d 'Roll gossip encryption, a new gossip key or TLS onto a running cluster, in verified stages'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "datacenters" -d 'List the known datacenters'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "nodes" -d 'List the nodes in the catalog'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "services" -d 'List the services in the catalog'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from services" -f -a "register" -d 'Register a service with the local agent'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from services" -f -a "deregister" -d 'Deregister a service from the local agent'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from health" -f -a "service" -d 'Instances of a service with their health'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from health" -f -a "checks" -d 'Checks by state (or of one service)'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "save" -d 'Save the cluster\'s state to a file'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "restore" -d 'Replace the cluster\'s state with a saved snapshot'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "inspect" -d 'Describe a snapshot file without contacting an agent'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "kv" -d 'Put or get keys with N concurrent clients; print throughput and latency percentiles'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from tls" -f -a "ca" -d 'Create a certificate authority for the agents\' TLS'
complete -c ctl -n "__fish_ctl_using_subcommand help; and __fish_seen_subcommand_from tls" -f -a "cert" -d 'Create and inspect agent certificates'
