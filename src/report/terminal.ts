/** The report's Markdown made readable on a terminal: headings emphasised, HTML folded away, code indented. */
export function toTerminal(markdown: string, color: boolean): string {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[22m` : s);
  let fence = false;
  return markdown
    .split('\n')
    .flatMap((line) => {
      if (line.startsWith('```')) {
        fence = !fence;
        return [];
      }
      if (fence) return [`    ${line}`];
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) return [bold(heading[2]!)];
      const summary = /<summary>(.*?)<\/summary>/.exec(line);
      if (summary) return [dim(`${summary[1]!}:`)];
      const text = line
        .replace(/<\/?details>/g, '')
        .replace(/<sub>(.*?)<\/sub>/g, (_m, s: string) => dim(s))
        .replace(/<br>/g, ' / ')
        .replace(/\*\*(.*?)\*\*/g, (_m, s: string) => bold(s))
        .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');
      return line.trim() !== '' && text.trim() === '' ? [] : [text];
    })
    .join('\n');
}
