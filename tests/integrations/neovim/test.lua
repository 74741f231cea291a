-- Neovim's built-in LSP client (vim.lsp of Neovim 0.7) against `accord lsp`, run by run.sh:
--   nvim --headless --clean -u tests/integrations/neovim/test.lua
-- with ACCORD_BIN (the accord binary) and ACCORD_DATASET (a dataset: accord.toml, data/base.yaml,
-- data/claims.yaml whose claim's holder is `ana-ruiz`) in the environment.
-- Prints one PASS or FAIL line a check to stdout; exits 0 only if every check passes.

local bin = assert(os.getenv('ACCORD_BIN'), 'ACCORD_BIN is not set')
local root = assert(os.getenv('ACCORD_DATASET'), 'ACCORD_DATASET is not set')
local claims_path = root .. '/data/claims.yaml'
local base_path = root .. '/data/base.yaml'
local claims_uri = vim.uri_from_fname(claims_path)
local base_uri = vim.uri_from_fname(base_path)
local WAIT = 30000

local failures = 0
local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end
local function check(name, ok, detail)
  if ok then
    out('PASS: ' .. name)
  else
    failures = failures + 1
    out('FAIL: ' .. name .. (detail and (': ' .. detail) or ''))
  end
  return ok
end
local function finish()
  if failures == 0 then
    out('PASS: all checks')
    vim.cmd('qall!')
  else
    out(string.format('FAIL: %d check(s) failed', failures))
    vim.cmd('cquit 1')
  end
end

-- The last diagnostics published for each URI, as the server sent them (for the code action's context).
local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri then
    local entry = published[result.uri] or { count = 0 }
    entry.count = entry.count + 1
    entry.diagnostics = result.diagnostics
    published[result.uri] = entry
  end
  return publish(err, result, ctx, config)
end

-- The 0-based line of the first line matching `pattern` in `lines`, and the byte column of `needle`.
local function find(lines, pattern, needle)
  for i, line in ipairs(lines) do
    if line:find(pattern) then
      local col = line:find(needle, 1, true)
      return i - 1, col - 1, line
    end
  end
  error('no line matches ' .. pattern)
end
-- A byte column of `line` in UTF-16 code units, the encoding the client speaks.
local function utf16(line, byte_col)
  local _, units = vim.str_utfindex(line, byte_col)
  return units
end
local function first_result(responses)
  for _, response in pairs(responses or {}) do
    if response.error then
      return nil, vim.inspect(response.error)
    end
    return response.result
  end
  return nil, 'no response'
end
-- A round trip that every pending change precedes: the client flushes its buffered changes before
-- a request, and the server checks them and publishes their findings before it answers.
local function sync(client)
  local done = false
  client.request('workspace/symbol', { query = '' }, function() done = true end)
  return vim.wait(WAIT, function() return done end, 10)
end
local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT)
  if not responses then
    return nil, err
  end
  return first_result(responses)
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(claims_path))
  local claims = vim.api.nvim_get_current_buf()
  vim.bo[claims].filetype = 'yaml'

  local exit_code
  local client_id = vim.lsp.start_client({
    name = 'accord',
    cmd = { bin, 'lsp' },
    root_dir = root,
    on_exit = function(code, signal)
      exit_code = { code = code, signal = signal }
    end,
  })
  if not check('the client starts `accord lsp`', client_id ~= nil) then
    return
  end
  vim.lsp.buf_attach_client(claims, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  vim.wait(WAIT, function() return client.initialized or exit_code ~= nil end, 20)
  if not check('the server initializes', client.initialized == true, vim.inspect(exit_code)) then
    return
  end
  check('the client speaks UTF-16', client.offset_encoding == 'utf-16', tostring(client.offset_encoding))
  local caps = client.server_capabilities or {}
  check('the server offers completion, definition and rename',
    caps.completionProvider ~= nil and caps.definitionProvider and caps.renameProvider,
    vim.inspect(caps))

  -- 1. The file as on disk is clean; a dangling id typed in is diagnosed where it is.
  -- (The server publishes only files with findings, and files whose findings went away.)
  local ok = sync(client)
  check('the file as on disk has no diagnostics', ok and #vim.diagnostic.get(claims) == 0,
    vim.inspect(vim.diagnostic.get(claims)))
  local lines = vim.api.nvim_buf_get_lines(claims, 0, -1, false)
  local row, _, line = find(lines, 'holders:', 'ana-ruiz')
  local typed = line:gsub('holders: %[ana%-ruiz%]', 'holders: [ana-ruis]')
  vim.api.nvim_buf_set_lines(claims, row, row + 1, false, { typed })
  local _, col = find({ typed }, 'holders:', 'ana-ruis')
  local dangling
  vim.wait(WAIT, function()
    for _, d in ipairs(vim.diagnostic.get(claims)) do
      if d.code == 'dangling-reference' then
        dangling = d
        return true
      end
    end
    return false
  end, 20)
  if check('typing `ana-ruis` gets a dangling-reference diagnostic', dangling ~= nil,
      vim.inspect(vim.diagnostic.get(claims))) then
    check('  at the typed id (line, byte column, end)',
      dangling.lnum == row and dangling.col == col and dangling.end_lnum == row and dangling.end_col == col + 8,
      string.format('got %d:%d-%d:%d, want %d:%d-%d:%d', dangling.lnum, dangling.col, dangling.end_lnum,
        dangling.end_col, row, col, row, col + 8))
    check('  from accord, an error, suggesting the id',
      dangling.source == 'accord' and dangling.severity == vim.diagnostic.severity.ERROR
        and dangling.message:find('did you mean `ana-ruiz`?', 1, true) ~= nil,
      vim.inspect(dangling))
    check('  the only diagnostic', #vim.diagnostic.get(claims) == 1, vim.inspect(vim.diagnostic.get(claims)))
  end

  -- The quick fix of the diagnostic, as the server published it, applied: the id is spelt right again.
  local raw = (published[claims_uri] or {}).diagnostics or {}
  local actions, action_err = request(claims, 'textDocument/codeAction', {
    textDocument = { uri = claims_uri },
    range = raw[1] and raw[1].range,
    context = { diagnostics = raw },
  })
  local fix = actions and actions[1]
  if check('a preferred quick fix is offered', fix and fix.kind == 'quickfix' and fix.isPreferred == true
      and fix.edit ~= nil, action_err or vim.inspect(actions)) then
    vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
    sync(client)
    local fixed = vim.api.nvim_buf_get_lines(claims, row, row + 1, false)[1]
    check('  applying it writes `holders: [ana-ruiz]` and clears the diagnostic',
      fixed == line and #vim.diagnostic.get(claims) == 0, fixed .. ' ' .. vim.inspect(vim.diagnostic.get(claims)))
  end

  -- 2. Completion inside a partial id offers the person's id.
  local partial = line:gsub('holders: %[ana%-ruiz%]', 'holders: [ana-]')
  vim.api.nvim_buf_set_lines(claims, row, row + 1, false, { partial })
  local _, at = find({ partial }, 'holders:', 'ana-')
  local position = { line = row, character = utf16(partial, at + 4) }
  local result, err = request(claims, 'textDocument/completion',
    { textDocument = { uri = claims_uri }, position = position })
  local items = result and (result.items or result) or {}
  local offered
  for _, item in ipairs(items) do
    if item.label == 'ana-ruiz' then
      offered = item
    end
  end
  if check('completion at `[ana-|]` offers ana-ruiz', offered ~= nil,
      err or vim.inspect(vim.tbl_map(function(i) return i.label end, items))) then
    -- Accepting it, as the completion menu would: its text edit, or its text in place of `ana-`.
    if offered.textEdit then
      vim.lsp.util.apply_text_edits({ offered.textEdit }, claims, client.offset_encoding)
    else
      local text = offered.insertText or offered.label
      vim.api.nvim_buf_set_lines(claims, row, row + 1, false,
        { partial:sub(1, at) .. text .. partial:sub(at + 5) })
    end
    local now = vim.api.nvim_buf_get_lines(claims, row, row + 1, false)[1]
    check('  accepting it writes `holders: [ana-ruiz]`', now:find('holders: [ana-ruiz]', 1, true) ~= nil, now)
  end

  sync(client)
  local now = vim.api.nvim_buf_get_lines(claims, row, row + 1, false)[1]
  check('  and the completed id clears the diagnostic', now == line and #vim.diagnostic.get(claims) == 0,
    vim.inspect(vim.diagnostic.get(claims)))

  -- 3. Go to definition from the holder: the person's id in base.yaml; and the jump itself.
  local base_lines = vim.fn.readfile(base_path)
  local people = vim.fn.index(base_lines, 'people:')
  local def_row, def_col
  for i = people + 1, #base_lines do
    local c = base_lines[i]:find('id: ana-ruiz', 1, true)
    if c then
      def_row, def_col = i - 1, c - 1 + 4
      break
    end
  end
  local _, holder = find({ line }, 'holders:', 'ana-ruiz')
  local holder_position = { line = row, character = utf16(line, holder) }
  result, err = request(claims, 'textDocument/definition',
    { textDocument = { uri = claims_uri }, position = holder_position })
  local location = result
  if type(result) == 'table' and result[1] then
    location = result[1]
  end
  local target_uri = location and (location.uri or location.targetUri)
  local target_range = location and (location.range or location.targetSelectionRange)
  if check('definition of the holder is in base.yaml', target_uri == base_uri, err or vim.inspect(result)) then
    check('  at the id of the person', target_range.start.line == def_row
      and target_range.start.character == utf16(base_lines[def_row + 1], def_col),
      string.format('got %s, want line %d character %d', vim.inspect(target_range), def_row, def_col))
    vim.lsp.util.jump_to_location(location, client.offset_encoding)
    local name = vim.api.nvim_buf_get_name(0)
    local cursor = vim.api.nvim_win_get_cursor(0)
    check('  the jump opens base.yaml', vim.fn.resolve(name) == vim.fn.resolve(base_path), name)
    check('  with the cursor on the id', cursor[1] == def_row + 1 and cursor[2] == def_col,
      string.format('cursor %d:%d, want %d:%d', cursor[1], cursor[2], def_row + 1, def_col))
  end
  local base = vim.fn.bufnr(base_path)
  if base == -1 then
    vim.cmd('edit ' .. vim.fn.fnameescape(base_path))
    base = vim.api.nvim_get_current_buf()
  end
  vim.bo[base].filetype = 'yaml'
  vim.lsp.buf_attach_client(base, client_id)
  sync(client)

  -- 4. Rename, from the holder: the workspace edit, applied, renames the id in both buffers.
  result, err = request(claims, 'textDocument/rename',
    { textDocument = { uri = claims_uri }, position = holder_position, newName = 'ana-ruiz-lopez' })
  if check('rename answers a workspace edit', result ~= nil and (result.changes or result.documentChanges) ~= nil,
      err or vim.inspect(result)) then
    vim.lsp.util.apply_workspace_edit(result, client.offset_encoding)
    local claims_text = table.concat(vim.api.nvim_buf_get_lines(claims, 0, -1, false), '\n')
    local base_text = table.concat(vim.api.nvim_buf_get_lines(base, 0, -1, false), '\n')
    local _, in_claims = claims_text:gsub('ana%-ruiz%-lopez', '')
    local _, left_in_claims = claims_text:gsub('ana%-ruiz[^-]', '')
    check('  claims.yaml names ana-ruiz-lopez, as holder and source', in_claims == 2 and left_in_claims == 0,
      claims_text)
    check('  base.yaml defines ana-ruiz-lopez', base_text:find('id: ana-ruiz-lopez\n', 1, true) ~= nil,
      base_text:sub(1, 400))
    local _, left_in_base = base_text:gsub('ana%-ruiz[^-]', '')
    check('  base.yaml names ana-ruiz nowhere', left_in_base == 0)
    -- The renamed dataset is clean: once the server has both edits, neither file has a finding.
    local synced = sync(client)
    check('  and the renamed dataset has no findings',
      synced and #vim.diagnostic.get(claims) == 0 and #vim.diagnostic.get(base) == 0,
      vim.inspect({ claims = vim.diagnostic.get(claims), base = vim.diagnostic.get(base) }))
  end

  -- The server shuts down and exits when asked.
  client.stop()
  local exited = vim.wait(WAIT, function() return exit_code ~= nil end, 20)
  check('the server exits cleanly on shutdown', exited and exit_code.code == 0 and exit_code.signal == 0,
    vim.inspect(exit_code))
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = xpcall(run, debug.traceback)
    if not ok then
      check('the test script ran to its end', false, err)
    end
    finish()
  end,
})
