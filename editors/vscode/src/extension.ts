// Starts `accord lsp` for the YAML files of a workspace with an `accord.toml`, beside the YAML
// extension (redhat.vscode-yaml), which keeps completion and hover from the schema.
import { workspace, type ExtensionContext } from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const command = workspace.getConfiguration("accord").get<string>("path", "accord");
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "yaml" }],
    // The server registers its own watch on the dataset's files; this one covers clients that
    // do not support dynamic registration of watchers.
    synchronize: {
      fileEvents: workspace.createFileSystemWatcher("**/*.{yaml,yml,txt,toml}"),
    },
  };
  client = new LanguageClient("accord", "accord", serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
