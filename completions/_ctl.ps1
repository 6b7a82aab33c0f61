
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ctl' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Run an agent (a server with --server or --dev; otherwise a client agent)')
            [CompletionResult]::new('kv', 'kv', [CompletionResultType]::ParameterValue, 'Read and write the key/value store')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Print a new gossip encryption key (base64 of 32 random bytes)')
            [CompletionResult]::new('keyring', 'keyring', [CompletionResultType]::ParameterValue, 'List and change the gossip encryption keys across the pool')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'List the members of the LAN pool')
            [CompletionResult]::new('join', 'join', [CompletionResultType]::ParameterValue, 'Ask the agent to join the pool through other members')
            [CompletionResult]::new('leave', 'leave', [CompletionResultType]::ParameterValue, 'Leave the pool gracefully and stop the agent')
            [CompletionResult]::new('force-leave', 'force-leave', [CompletionResultType]::ParameterValue, 'Move a failed member to `left`, or forget it with --prune')
            [CompletionResult]::new('event', 'event', [CompletionResultType]::ParameterValue, 'Fire a user event across the pool')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Print the agent''s runtime statistics')
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'Cluster-level operations (Raft peers, leadership)')
            [CompletionResult]::new('catalog', 'catalog', [CompletionResultType]::ParameterValue, 'Read the service catalog (datacenters, nodes, services)')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Register and deregister the local agent''s services')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Who is healthy: service instances and checks')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Save, restore and inspect snapshots of the cluster''s state')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow a view (key, prefix, services, nodes, service, checks, events) and print or handle every change')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Run a command while holding a lock (or one of N semaphore slots) in the KV store')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Re-read the agent''s configuration files and apply what can change without a restart')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check config files without starting an agent')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Load-test a Consul-compatible agent')
            [CompletionResult]::new('tls', 'tls', [CompletionResultType]::ParameterValue, 'Create a CA and agent certificates for TLS, and inspect certificates')
            [CompletionResult]::new('tui', 'tui', [CompletionResultType]::ParameterValue, 'The live terminal dashboard (or one frame as text with --once)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Bring up a local demo cluster (3 servers, 2 clients, sample services) and open the dashboard on it')
            [CompletionResult]::new('debug', 'debug', [CompletionResultType]::ParameterValue, 'Capture an agent''s state, metrics and logs into an archive for a bug report')
            [CompletionResult]::new('monitor', 'monitor', [CompletionResultType]::ParameterValue, 'Stream the agent''s log lines as they happen')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;agent' {
            [CompletionResult]::new('--bootstrap-expect', '--bootstrap-expect', [CompletionResultType]::ParameterName, 'Servers to wait for before bootstrapping (`bootstrap_expect`)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where state is kept (`data_dir`)')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'A JSON or HCL config file; repeatable, later files win')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'A directory of .json/.hcl files read in lexical order; repeatable')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Node name (`node_name`, default: the host name)')
            [CompletionResult]::new('--node-id', '--node-id', [CompletionResultType]::ParameterName, 'Node id, a UUID (`node_id`; generated and persisted when absent)')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter (`datacenter`, default dc1)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address for cluster traffic (`bind_addr`)')
            [CompletionResult]::new('--advertise', '--advertise', [CompletionResultType]::ParameterName, 'Address advertised to other nodes (`advertise_addr`)')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Address of the HTTP API (`client_addr`, default 127.0.0.1)')
            [CompletionResult]::new('--http-port', '--http-port', [CompletionResultType]::ParameterName, 'HTTP API port (`ports.http`, default 8500; -1 disables, 0 picks a free port)')
            [CompletionResult]::new('--https-port', '--https-port', [CompletionResultType]::ParameterName, 'HTTPS API port (`ports.https`, default -1 = off; needs `tls.https` certificates)')
            [CompletionResult]::new('--dns-port', '--dns-port', [CompletionResultType]::ParameterName, 'DNS port, UDP and TCP (`ports.dns`, default 8600; -1 disables, 0 picks a free port)')
            [CompletionResult]::new('--server-port', '--server-port', [CompletionResultType]::ParameterName, 'Server RPC port (`ports.server`, default 8300)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'TRACE, DEBUG, INFO, WARN or ERR (`log_level`)')
            [CompletionResult]::new('--serf-lan-port', '--serf-lan-port', [CompletionResultType]::ParameterName, 'Gossip port (`ports.serf_lan`, default 8301; 0 picks a free port)')
            [CompletionResult]::new('--join', '--join', [CompletionResultType]::ParameterName, 'Join the pool through this address at start-up, failing if it cannot (`start_join`)')
            [CompletionResult]::new('--retry-join', '--retry-join', [CompletionResultType]::ParameterName, 'Join through this address, retrying in the background (`retry_join`)')
            [CompletionResult]::new('--retry-interval', '--retry-interval', [CompletionResultType]::ParameterName, 'Time between retry-join attempts (`retry_interval`, default 30s)')
            [CompletionResult]::new('--retry-max', '--retry-max', [CompletionResultType]::ParameterName, 'Give up retry-join after this many attempts; 0 never gives up (`retry_max`)')
            [CompletionResult]::new('--encrypt', '--encrypt', [CompletionResultType]::ParameterName, 'Gossip encryption key, base64 (`encrypt`; the keyring file wins once written)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--dev', '--dev', [CompletionResultType]::ParameterName, 'Development mode: a single self-bootstrapping server, temporary storage, fast timings')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Run as a server (`server`)')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Bootstrap a single-server cluster (`bootstrap`)')
            [CompletionResult]::new('--log-json', '--log-json', [CompletionResultType]::ParameterName, 'Log in JSON (`log_json`)')
            [CompletionResult]::new('--disable-keyring-file', '--disable-keyring-file', [CompletionResultType]::ParameterName, 'Do not persist the keyring (`disable_keyring_file`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;kv' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Write a value: DATA literally, @FILE, or - for stdin')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read a key, or keys under a prefix')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a key, or every key under a prefix')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print keys under a prefix as JSON for `kv import`')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write the entries of a `kv export` JSON array')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;kv;put' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--modify-index', '--modify-index', [CompletionResultType]::ParameterName, 'The ModifyIndex for --cas')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'The session for --acquire / --release')
            [CompletionResult]::new('--flags', '--flags', [CompletionResultType]::ParameterName, 'Opaque flags stored with the value')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--cas', '--cas', [CompletionResultType]::ParameterName, 'Write only if the key''s ModifyIndex equals --modify-index (0: only if absent)')
            [CompletionResult]::new('--acquire', '--acquire', [CompletionResultType]::ParameterName, 'Take the key''s lock for --session (writing the value)')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'Give up the key''s lock held by --session (writing the value)')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'DATA is base64; decode it before writing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;kv;get' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--separator', '--separator', [CompletionResultType]::ParameterName, 'Where --keys rolls names up into folders')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--recurse', '--recurse', [CompletionResultType]::ParameterName, 'Every key under KEY as a prefix, one `key:value` per line')
            [CompletionResult]::new('--keys', '--keys', [CompletionResultType]::ParameterName, 'Only the key names under the prefix, rolled up at --separator')
            [CompletionResult]::new('--detailed', '--detailed', [CompletionResultType]::ParameterName, 'Every field of the entry, not just its value')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'Print values base64-encoded')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;kv;delete' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--modify-index', '--modify-index', [CompletionResultType]::ParameterName, 'The ModifyIndex for --cas')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--recurse', '--recurse', [CompletionResultType]::ParameterName, 'Delete every key under KEY as a prefix')
            [CompletionResult]::new('--cas', '--cas', [CompletionResultType]::ParameterName, 'Delete only if the key''s ModifyIndex equals --modify-index')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;kv;export' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;kv;import' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Put every key under this prefix')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;kv;help' {
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Write a value: DATA literally, @FILE, or - for stdin')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read a key, or keys under a prefix')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a key, or every key under a prefix')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print keys under a prefix as JSON for `kv import`')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write the entries of a `kv export` JSON array')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;kv;help;put' {
            break
        }
        'ctl;kv;help;get' {
            break
        }
        'ctl;kv;help;delete' {
            break
        }
        'ctl;kv;help;export' {
            break
        }
        'ctl;kv;help;import' {
            break
        }
        'ctl;kv;help;help' {
            break
        }
        'ctl;keygen' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;keyring' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'Install a new key on every node')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'Make an installed key the primary on every node')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Remove a key from every node')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the installed keys with how many nodes have each')
            [CompletionResult]::new('--list-primary', '--list-primary', [CompletionResultType]::ParameterName, 'List the primary keys')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;members' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only members whose status matches this regular expression')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--detailed', '--detailed', [CompletionResultType]::ParameterName, 'Show every tag instead of the summary columns')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;join' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;leave' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;force-leave' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Remove the member from the list entirely')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;event' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The event name')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Only nodes whose name matches this regular expression handle the event')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only nodes with a matching service handle it')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only nodes with the service carrying a matching tag (needs --service)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;info' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;operator' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('raft', 'raft', [CompletionResultType]::ParameterValue, 'Inspect and change the Raft configuration')
            [CompletionResult]::new('rollout', 'rollout', [CompletionResultType]::ParameterValue, 'Roll gossip encryption, a new gossip key or TLS onto a running cluster, in verified stages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;operator;raft' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list-peers', 'list-peers', [CompletionResultType]::ParameterValue, 'List the servers of the Raft configuration')
            [CompletionResult]::new('remove-peer', 'remove-peer', [CompletionResultType]::ParameterValue, 'Remove a server from the Raft configuration')
            [CompletionResult]::new('transfer-leader', 'transfer-leader', [CompletionResultType]::ParameterValue, 'Hand leadership to another server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;operator;raft;list-peers' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;operator;raft;remove-peer' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'The server''s ID (its node UUID)')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'The server''s RPC address, IP:port')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;operator;raft;transfer-leader' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'The server to hand leadership to (its node UUID)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;operator;raft;help' {
            [CompletionResult]::new('list-peers', 'list-peers', [CompletionResultType]::ParameterValue, 'List the servers of the Raft configuration')
            [CompletionResult]::new('remove-peer', 'remove-peer', [CompletionResultType]::ParameterValue, 'Remove a server from the Raft configuration')
            [CompletionResult]::new('transfer-leader', 'transfer-leader', [CompletionResultType]::ParameterValue, 'Hand leadership to another server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;operator;raft;help;list-peers' {
            break
        }
        'ctl;operator;raft;help;remove-peer' {
            break
        }
        'ctl;operator;raft;help;transfer-leader' {
            break
        }
        'ctl;operator;raft;help;help' {
            break
        }
        'ctl;operator;rollout' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('gossip-encryption', 'gossip-encryption', [CompletionResultType]::ParameterValue, 'Take a plaintext gossip pool to enforced encryption, without a restart')
            [CompletionResult]::new('gossip-key', 'gossip-key', [CompletionResultType]::ParameterValue, 'Rotate the gossip encryption key')
            [CompletionResult]::new('tls', 'tls', [CompletionResultType]::ParameterValue, 'Take a plaintext cluster to mutual TLS on server RPC and HTTPS')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;operator;rollout;gossip-encryption' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Run only this stage (1-based), for automation; earlier stages must be done')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long a stage''s checks may take to pass before it is rolled back')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The key to use (base64 of 16, 24 or 32 bytes); a new one is generated otherwise')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Go ahead without asking (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Go ahead without asking (needed when there is no terminal)')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Print the plan and the checks, and change nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;operator;rollout;gossip-key' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Run only this stage (1-based), for automation; earlier stages must be done')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long a stage''s checks may take to pass before it is rolled back')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The new key (base64 of 16, 24 or 32 bytes); a new one is generated otherwise')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Go ahead without asking (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Go ahead without asking (needed when there is no terminal)')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Print the plan and the checks, and change nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;operator;rollout;tls' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Run only this stage (1-based), for automation; earlier stages must be done')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long a stage''s checks may take to pass before it is rolled back')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Where the CA and the per-node folders are written')
            [CompletionResult]::new('--ca-cert-file', '--ca-cert-file', [CompletionResultType]::ParameterName, 'Use this CA certificate instead of creating one (with --ca-key-file)')
            [CompletionResult]::new('--ca-key-file', '--ca-key-file', [CompletionResultType]::ParameterName, 'The key of --ca-cert-file')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'The DNS domain in the certificates'' names')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days the issued certificates are valid')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Go ahead without asking (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Go ahead without asking (needed when there is no terminal)')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Print the plan and the checks, and change nothing')
            [CompletionResult]::new('--install-local', '--install-local', [CompletionResultType]::ParameterName, 'Place each agent''s files in its `<data_dir>/tls/` when that is on this machine')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;operator;rollout;help' {
            [CompletionResult]::new('gossip-encryption', 'gossip-encryption', [CompletionResultType]::ParameterValue, 'Take a plaintext gossip pool to enforced encryption, without a restart')
            [CompletionResult]::new('gossip-key', 'gossip-key', [CompletionResultType]::ParameterValue, 'Rotate the gossip encryption key')
            [CompletionResult]::new('tls', 'tls', [CompletionResultType]::ParameterValue, 'Take a plaintext cluster to mutual TLS on server RPC and HTTPS')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;operator;rollout;help;gossip-encryption' {
            break
        }
        'ctl;operator;rollout;help;gossip-key' {
            break
        }
        'ctl;operator;rollout;help;tls' {
            break
        }
        'ctl;operator;rollout;help;help' {
            break
        }
        'ctl;operator;help' {
            [CompletionResult]::new('raft', 'raft', [CompletionResultType]::ParameterValue, 'Inspect and change the Raft configuration')
            [CompletionResult]::new('rollout', 'rollout', [CompletionResultType]::ParameterValue, 'Roll gossip encryption, a new gossip key or TLS onto a running cluster, in verified stages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;operator;help;raft' {
            [CompletionResult]::new('list-peers', 'list-peers', [CompletionResultType]::ParameterValue, 'List the servers of the Raft configuration')
            [CompletionResult]::new('remove-peer', 'remove-peer', [CompletionResultType]::ParameterValue, 'Remove a server from the Raft configuration')
            [CompletionResult]::new('transfer-leader', 'transfer-leader', [CompletionResultType]::ParameterValue, 'Hand leadership to another server')
            break
        }
        'ctl;operator;help;raft;list-peers' {
            break
        }
        'ctl;operator;help;raft;remove-peer' {
            break
        }
        'ctl;operator;help;raft;transfer-leader' {
            break
        }
        'ctl;operator;help;rollout' {
            [CompletionResult]::new('gossip-encryption', 'gossip-encryption', [CompletionResultType]::ParameterValue, 'Take a plaintext gossip pool to enforced encryption, without a restart')
            [CompletionResult]::new('gossip-key', 'gossip-key', [CompletionResultType]::ParameterValue, 'Rotate the gossip encryption key')
            [CompletionResult]::new('tls', 'tls', [CompletionResultType]::ParameterValue, 'Take a plaintext cluster to mutual TLS on server RPC and HTTPS')
            break
        }
        'ctl;operator;help;rollout;gossip-encryption' {
            break
        }
        'ctl;operator;help;rollout;gossip-key' {
            break
        }
        'ctl;operator;help;rollout;tls' {
            break
        }
        'ctl;operator;help;help' {
            break
        }
        'ctl;catalog' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('datacenters', 'datacenters', [CompletionResultType]::ParameterValue, 'List the known datacenters')
            [CompletionResult]::new('nodes', 'nodes', [CompletionResultType]::ParameterValue, 'List the nodes in the catalog')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'List the services in the catalog')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;catalog;datacenters' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;catalog;nodes' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only nodes that run this service')
            [CompletionResult]::new('--node-meta', '--node-meta', [CompletionResultType]::ParameterName, 'Only nodes with this metadata (repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--detailed', '--detailed', [CompletionResultType]::ParameterName, 'Also show tagged addresses and metadata')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;catalog;services' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Only services on this node')
            [CompletionResult]::new('--node-meta', '--node-meta', [CompletionResultType]::ParameterName, 'Only services on nodes with this metadata (repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Show each service''s tags')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;catalog;help' {
            [CompletionResult]::new('datacenters', 'datacenters', [CompletionResultType]::ParameterValue, 'List the known datacenters')
            [CompletionResult]::new('nodes', 'nodes', [CompletionResultType]::ParameterValue, 'List the nodes in the catalog')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'List the services in the catalog')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;catalog;help;datacenters' {
            break
        }
        'ctl;catalog;help;nodes' {
            break
        }
        'ctl;catalog;help;services' {
            break
        }
        'ctl;catalog;help;help' {
            break
        }
        'ctl;services' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Register a service with the local agent')
            [CompletionResult]::new('deregister', 'deregister', [CompletionResultType]::ParameterValue, 'Deregister a service from the local agent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;services;register' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Service name (when no file is given)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Service ID (defaults to the name)')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'address')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'port')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A tag (repeatable)')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Metadata `key=value` (repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;services;deregister' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'The service ID to remove (or give definition files)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;services;help' {
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Register a service with the local agent')
            [CompletionResult]::new('deregister', 'deregister', [CompletionResultType]::ParameterValue, 'Deregister a service from the local agent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;services;help;register' {
            break
        }
        'ctl;services;help;deregister' {
            break
        }
        'ctl;services;help;help' {
            break
        }
        'ctl;health' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Instances of a service with their health')
            [CompletionResult]::new('checks', 'checks', [CompletionResultType]::ParameterValue, 'Checks by state (or of one service)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;health;service' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only instances with this tag')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--passing', '--passing', [CompletionResultType]::ParameterName, 'Only instances whose checks all pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;health;checks' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'any, passing, warning or critical')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only the checks of this service')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;health;help' {
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Instances of a service with their health')
            [CompletionResult]::new('checks', 'checks', [CompletionResultType]::ParameterValue, 'Checks by state (or of one service)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;health;help;service' {
            break
        }
        'ctl;health;help;checks' {
            break
        }
        'ctl;health;help;help' {
            break
        }
        'ctl;snapshot' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save the cluster''s state to a file')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the cluster''s state with a saved snapshot')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Describe a snapshot file without contacting an agent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;snapshot;save' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;snapshot;restore' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;snapshot;inspect' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;snapshot;help' {
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save the cluster''s state to a file')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the cluster''s state with a saved snapshot')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Describe a snapshot file without contacting an agent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;snapshot;help;save' {
            break
        }
        'ctl;snapshot;help;restore' {
            break
        }
        'ctl;snapshot;help;inspect' {
            break
        }
        'ctl;snapshot;help;help' {
            break
        }
        'ctl;watch' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'What to watch')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The key (`--type key`)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'The key prefix (`--type keyprefix`)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service (`--type service`, or checks of one service with `--type checks`)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only instances with this tag (`--type service`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Check state (`--type checks`): any, passing, warning or critical')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Event name (`--type event`)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--passingonly', '--passingonly', [CompletionResultType]::ParameterName, 'Only passing instances (`--type service`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;lock' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many may hold the lock at once; above 1 the lock is a semaphore')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many may hold the lock at once; above 1 the lock is a semaphore')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The session''s name (default: names the command and prefix)')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Run the command through `sh -c` (`--shell=false` runs it directly)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up if the lock is not acquired within this long (e.g. `10s`; default: wait forever)')
            [CompletionResult]::new('--monitor-retry', '--monitor-retry', [CompletionResultType]::ParameterName, 'How many times to retry watching the lock (1 s apart) before treating it as lost')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--pass-stdin', '--pass-stdin', [CompletionResultType]::ParameterName, 'Give the child this command''s stdin')
            [CompletionResult]::new('--child-exit-code', '--child-exit-code', [CompletionResultType]::ParameterName, 'Exit with 2 when the child fails (by default the child''s failure is not propagated)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what the lock is doing, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;reload' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;validate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;bench' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('kv', 'kv', [CompletionResultType]::ParameterValue, 'Put or get keys with N concurrent clients; print throughput and latency percentiles')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;bench;kv' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--clients', '--clients', [CompletionResultType]::ParameterName, 'Concurrent clients')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long to run (e.g. 10s, 1m)')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'Stop after this many requests instead of a duration')
            [CompletionResult]::new('--value-size', '--value-size', [CompletionResultType]::ParameterName, 'Bytes per value')
            [CompletionResult]::new('--keys', '--keys', [CompletionResultType]::ParameterName, 'Keys chosen from at random')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'mode')
            [CompletionResult]::new('--consistency', '--consistency', [CompletionResultType]::ParameterName, 'Read consistency for --mode get')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Key prefix')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;bench;help' {
            [CompletionResult]::new('kv', 'kv', [CompletionResultType]::ParameterValue, 'Put or get keys with N concurrent clients; print throughput and latency percentiles')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;bench;help;kv' {
            break
        }
        'ctl;bench;help;help' {
            break
        }
        'ctl;tls' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Create a certificate authority for the agents'' TLS')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Create and inspect agent certificates')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;tls;ca' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a new CA: `<domain>-agent-ca.pem` and `<domain>-agent-ca-key.pem` in the current directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;tls;ca;create' {
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'How many days the CA is valid for')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'The cluster''s DNS domain: names the files and, with --name-constraint, bounds the names the CA may sign')
            [CompletionResult]::new('--additional-name-constraint', '--additional-name-constraint', [CompletionResultType]::ParameterName, 'Another DNS domain the constrained CA may sign for (repeatable)')
            [CompletionResult]::new('--common-name', '--common-name', [CompletionResultType]::ParameterName, 'The CA''s common name [default: ctl Agent CA <serial>]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--name-constraint', '--name-constraint', [CompletionResultType]::ParameterName, 'Restrict the CA to DNS names under --domain, `localhost` and any --additional-name-constraint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;tls;ca;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a new CA: `<domain>-agent-ca.pem` and `<domain>-agent-ca-key.pem` in the current directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;tls;ca;help;create' {
            break
        }
        'ctl;tls;ca;help;help' {
            break
        }
        'ctl;tls;cert' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a server, client or CLI certificate signed by the CA, in the current directory')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what a certificate file holds: names, usages, issuer, validity')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;tls;cert;create' {
            [CompletionResult]::new('--dc', '--dc', [CompletionResultType]::ParameterName, 'The datacenter, part of the certificate''s names')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'The cluster''s DNS domain, part of the certificate''s names')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'How many days the certificate is valid for')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA certificate [default: <domain>-agent-ca.pem]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The CA''s private key [default: <domain>-agent-ca-key.pem]')
            [CompletionResult]::new('--additional-dnsname', '--additional-dnsname', [CompletionResultType]::ParameterName, 'Another DNS name for the certificate (repeatable; ignored with --cli)')
            [CompletionResult]::new('--additional-ipaddress', '--additional-ipaddress', [CompletionResultType]::ParameterName, 'Another IP address for the certificate (repeatable; ignored with --cli)')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'The server''s node name: adds `<node>.server.<dc>.<domain>` (--server only)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Make a server certificate (serverAuth and clientAuth)')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Make a client agent certificate (clientAuth and serverAuth)')
            [CompletionResult]::new('--cli', '--cli', [CompletionResultType]::ParameterName, 'Make a certificate for the CLI (no extended key usage)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;tls;cert;inspect' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;tls;cert;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a server, client or CLI certificate signed by the CA, in the current directory')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what a certificate file holds: names, usages, issuer, validity')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;tls;cert;help;create' {
            break
        }
        'ctl;tls;cert;help;inspect' {
            break
        }
        'ctl;tls;cert;help;help' {
            break
        }
        'ctl;tls;help' {
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Create a certificate authority for the agents'' TLS')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Create and inspect agent certificates')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;tls;help;ca' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a new CA: `<domain>-agent-ca.pem` and `<domain>-agent-ca-key.pem` in the current directory')
            break
        }
        'ctl;tls;help;ca;create' {
            break
        }
        'ctl;tls;help;cert' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a server, client or CLI certificate signed by the CA, in the current directory')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what a certificate file holds: names, usages, issuer, validity')
            break
        }
        'ctl;tls;help;cert;create' {
            break
        }
        'ctl;tls;help;cert;inspect' {
            break
        }
        'ctl;tls;help;help' {
            break
        }
        'ctl;tui' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--view', '--view', [CompletionResultType]::ParameterName, 'The view to open: overview, nodes, services, health, raft, gossip, kv, events (or 1-8)')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the --once frame in columns [default: 80]')
            [CompletionResult]::new('--height', '--height', [CompletionResultType]::ParameterName, 'Height of the --once frame in lines [default: 24]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Render one frame as plain text to stdout and exit (for scripts and tests)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;demo' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--no-tui', '--no-tui', [CompletionResultType]::ParameterName, 'Stay in the foreground without the dashboard (Ctrl-C stops everything)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours in the dashboard (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;debug' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long to capture logs and metrics')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to capture metrics')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the capture (`PATH.tar.gz`) [default: ctl-debug-<unix time>]')
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Pack the capture into PATH.tar.gz (false leaves the folder)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;monitor' {
            [CompletionResult]::new('--http-addr', '--http-addr', [CompletionResultType]::ParameterName, 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Datacenter to query (defaults to the agent''s)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]')
            [CompletionResult]::new('--ca-path', '--ca-path', [CompletionResultType]::ParameterName, 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Verbosity: trace, debug, info, warn or err (may be more verbose than the agent''s own log)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Allow any server to answer, even if behind the leader')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Have the leader confirm with a quorum that it still leads before answering')
            [CompletionResult]::new('--log-json', '--log-json', [CompletionResultType]::ParameterName, 'One JSON object per line instead of text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;completion' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for commands that print data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ctl;help' {
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Run an agent (a server with --server or --dev; otherwise a client agent)')
            [CompletionResult]::new('kv', 'kv', [CompletionResultType]::ParameterValue, 'Read and write the key/value store')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Print a new gossip encryption key (base64 of 32 random bytes)')
            [CompletionResult]::new('keyring', 'keyring', [CompletionResultType]::ParameterValue, 'List and change the gossip encryption keys across the pool')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'List the members of the LAN pool')
            [CompletionResult]::new('join', 'join', [CompletionResultType]::ParameterValue, 'Ask the agent to join the pool through other members')
            [CompletionResult]::new('leave', 'leave', [CompletionResultType]::ParameterValue, 'Leave the pool gracefully and stop the agent')
            [CompletionResult]::new('force-leave', 'force-leave', [CompletionResultType]::ParameterValue, 'Move a failed member to `left`, or forget it with --prune')
            [CompletionResult]::new('event', 'event', [CompletionResultType]::ParameterValue, 'Fire a user event across the pool')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Print the agent''s runtime statistics')
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'Cluster-level operations (Raft peers, leadership)')
            [CompletionResult]::new('catalog', 'catalog', [CompletionResultType]::ParameterValue, 'Read the service catalog (datacenters, nodes, services)')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Register and deregister the local agent''s services')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Who is healthy: service instances and checks')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Save, restore and inspect snapshots of the cluster''s state')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow a view (key, prefix, services, nodes, service, checks, events) and print or handle every change')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Run a command while holding a lock (or one of N semaphore slots) in the KV store')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Re-read the agent''s configuration files and apply what can change without a restart')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check config files without starting an agent')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Load-test a Consul-compatible agent')
            [CompletionResult]::new('tls', 'tls', [CompletionResultType]::ParameterValue, 'Create a CA and agent certificates for TLS, and inspect certificates')
            [CompletionResult]::new('tui', 'tui', [CompletionResultType]::ParameterValue, 'The live terminal dashboard (or one frame as text with --once)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Bring up a local demo cluster (3 servers, 2 clients, sample services) and open the dashboard on it')
            [CompletionResult]::new('debug', 'debug', [CompletionResultType]::ParameterValue, 'Capture an agent''s state, metrics and logs into an archive for a bug report')
            [CompletionResult]::new('monitor', 'monitor', [CompletionResultType]::ParameterValue, 'Stream the agent''s log lines as they happen')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ctl;help;agent' {
            break
        }
        'ctl;help;kv' {
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Write a value: DATA literally, @FILE, or - for stdin')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read a key, or keys under a prefix')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a key, or every key under a prefix')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print keys under a prefix as JSON for `kv import`')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write the entries of a `kv export` JSON array')
            break
        }
        'ctl;help;kv;put' {
            break
        }
        'ctl;help;kv;get' {
            break
        }
        'ctl;help;kv;delete' {
            break
        }
        'ctl;help;kv;export' {
            break
        }
        'ctl;help;kv;import' {
            break
        }
        'ctl;help;keygen' {
            break
        }
        'ctl;help;keyring' {
            break
        }
        'ctl;help;members' {
            break
        }
        'ctl;help;join' {
            break
        }
        'ctl;help;leave' {
            break
        }
        'ctl;help;force-leave' {
            break
        }
        'ctl;help;event' {
            break
        }
        'ctl;help;info' {
            break
        }
        'ctl;help;operator' {
            [CompletionResult]::new('raft', 'raft', [CompletionResultType]::ParameterValue, 'Inspect and change the Raft configuration')
            [CompletionResult]::new('rollout', 'rollout', [CompletionResultType]::ParameterValue, 'Roll gossip encryption, a new gossip key or TLS onto a running cluster, in verified stages')
            break
        }
        'ctl;help;operator;raft' {
            [CompletionResult]::new('list-peers', 'list-peers', [CompletionResultType]::ParameterValue, 'List the servers of the Raft configuration')
            [CompletionResult]::new('remove-peer', 'remove-peer', [CompletionResultType]::ParameterValue, 'Remove a server from the Raft configuration')
            [CompletionResult]::new('transfer-leader', 'transfer-leader', [CompletionResultType]::ParameterValue, 'Hand leadership to another server')
            break
        }
        'ctl;help;operator;raft;list-peers' {
            break
        }
        'ctl;help;operator;raft;remove-peer' {
            break
        }
        'ctl;help;operator;raft;transfer-leader' {
            break
        }
        'ctl;help;operator;rollout' {
            [CompletionResult]::new('gossip-encryption', 'gossip-encryption', [CompletionResultType]::ParameterValue, 'Take a plaintext gossip pool to enforced encryption, without a restart')
            [CompletionResult]::new('gossip-key', 'gossip-key', [CompletionResultType]::ParameterValue, 'Rotate the gossip encryption key')
            [CompletionResult]::new('tls', 'tls', [CompletionResultType]::ParameterValue, 'Take a plaintext cluster to mutual TLS on server RPC and HTTPS')
            break
        }
        'ctl;help;operator;rollout;gossip-encryption' {
            break
        }
        'ctl;help;operator;rollout;gossip-key' {
            break
        }
        'ctl;help;operator;rollout;tls' {
            break
        }
        'ctl;help;catalog' {
            [CompletionResult]::new('datacenters', 'datacenters', [CompletionResultType]::ParameterValue, 'List the known datacenters')
            [CompletionResult]::new('nodes', 'nodes', [CompletionResultType]::ParameterValue, 'List the nodes in the catalog')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'List the services in the catalog')
            break
        }
        'ctl;help;catalog;datacenters' {
            break
        }
        'ctl;help;catalog;nodes' {
            break
        }
        'ctl;help;catalog;services' {
            break
        }
        'ctl;help;services' {
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Register a service with the local agent')
            [CompletionResult]::new('deregister', 'deregister', [CompletionResultType]::ParameterValue, 'Deregister a service from the local agent')
            break
        }
        'ctl;help;services;register' {
            break
        }
        'ctl;help;services;deregister' {
            break
        }
        'ctl;help;health' {
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Instances of a service with their health')
            [CompletionResult]::new('checks', 'checks', [CompletionResultType]::ParameterValue, 'Checks by state (or of one service)')
            break
        }
        'ctl;help;health;service' {
            break
        }
        'ctl;help;health;checks' {
            break
        }
        'ctl;help;snapshot' {
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save the cluster''s state to a file')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the cluster''s state with a saved snapshot')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Describe a snapshot file without contacting an agent')
            break
        }
        'ctl;help;snapshot;save' {
            break
        }
        'ctl;help;snapshot;restore' {
            break
        }
        'ctl;help;snapshot;inspect' {
            break
        }
        'ctl;help;watch' {
            break
        }
        'ctl;help;lock' {
            break
        }
        'ctl;help;reload' {
            break
        }
        'ctl;help;validate' {
            break
        }
        'ctl;help;bench' {
            [CompletionResult]::new('kv', 'kv', [CompletionResultType]::ParameterValue, 'Put or get keys with N concurrent clients; print throughput and latency percentiles')
            break
        }
        'ctl;help;bench;kv' {
            break
        }
        'ctl;help;tls' {
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Create a certificate authority for the agents'' TLS')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Create and inspect agent certificates')
            break
        }
        'ctl;help;tls;ca' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a new CA: `<domain>-agent-ca.pem` and `<domain>-agent-ca-key.pem` in the current directory')
            break
        }
        'ctl;help;tls;ca;create' {
            break
        }
        'ctl;help;tls;cert' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a server, client or CLI certificate signed by the CA, in the current directory')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what a certificate file holds: names, usages, issuer, validity')
            break
        }
        'ctl;help;tls;cert;create' {
            break
        }
        'ctl;help;tls;cert;inspect' {
            break
        }
        'ctl;help;tui' {
            break
        }
        'ctl;help;demo' {
            break
        }
        'ctl;help;debug' {
            break
        }
        'ctl;help;monitor' {
            break
        }
        'ctl;help;completion' {
            break
        }
        'ctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
