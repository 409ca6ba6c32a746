/** Where the command writes: `line` is its output proper (stdout), `note` what it says about itself (stderr). */
export interface CliOutput {
  line(text: string): void;
  note(text: string): void;
}
