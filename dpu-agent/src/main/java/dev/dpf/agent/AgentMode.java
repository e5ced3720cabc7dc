package dev.dpf.agent;

/**
 * One mode of the node agent ({@code --mode}). A mode registers its reconcilers with the agent's operator and its
 * background components with {@link AgentContext#onStop}; {@link Agent} starts the operator afterwards. Adding a mode
 * is one implementation of this interface plus one {@code case} in {@link AgentMain#mode(String)}.
 */
public interface AgentMode {

  /** The {@code --mode} value, e.g. {@code host}. */
  String name();

  /** Registers the mode's controllers; called once, before the operator starts. */
  void register(AgentContext context) throws Exception;
}
