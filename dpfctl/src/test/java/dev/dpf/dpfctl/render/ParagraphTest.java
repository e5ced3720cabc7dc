package dev.dpf.dpfctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParagraphTest {

  @Test
  void emptyAndShortTextsAreOneLine() {
    assertThat(Paragraph.wrap("", 100)).containsExactly("");
    assertThat(Paragraph.wrap("DMS Pod Failed", 100)).containsExactly("DMS Pod Failed");
  }

  @Test
  void breaksBeforeTheWordThatReachesTheWidth() {
    // 9 words of 10 characters: "aaaaaaaaa0 ... " (10 + 1 each)
    String text = "aaaaaaaaa1 aaaaaaaaa2 aaaaaaaaa3 aaaaaaaaa4";
    // width 33: "a1 a2 a3" is 32 chars; adding " a4" would make len(tmp)+len(w) = 32 + 10 >= 33
    assertThat(Paragraph.wrap(text, 33)).containsExactly("aaaaaaaaa1 aaaaaaaaa2 aaaaaaaaa3", "aaaaaaaaa4");
    // the check is len(line) + len(word) < width, without the separating space: a line may reach the width
    assertThat(Paragraph.wrap("aaaa bbbb", 8)).containsExactly("aaaa", "bbbb");
    assertThat(Paragraph.wrap("aaaa bbbb", 9)).containsExactly("aaaa bbbb");
  }

  @Test
  void keepsNewLinesAndIndentsBulletContinuations() {
    String text = "The following conditions are not ready:\n* " + "word ".repeat(30).strip() + "\n  indented line";
    List<String> lines = Paragraph.wrap(text, 40);
    assertThat(lines.get(0)).isEqualTo("The following conditions are not ready:");
    assertThat(lines.get(1)).startsWith("* word word");
    assertThat(lines.subList(2, lines.size() - 1)).allSatisfy(l -> assertThat(l).startsWith("  word"));
    assertThat(lines.get(lines.size() - 1)).isEqualTo("  indented line");
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThan(40));
  }

  @Test
  void aWordLongerThanTheWidthGetsItsOwnLine() {
    String word = "x".repeat(120);
    assertThat(Paragraph.wrap("prefix: " + word + " tail", 100)).containsExactly("prefix:", word, "tail");
    // as upstream: a first word that does not fit leaves an empty first line
    assertThat(Paragraph.wrap(word, 100)).containsExactly("", word);
  }
}
