#!/usr/bin/env node
import { createRequire as __cr } from 'node:module';

const require = __cr(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) =>
  typeof require !== 'undefined'
    ? require
    : typeof Proxy !== 'undefined'
      ? new Proxy(x, {
          get: (a, b) => (typeof require !== 'undefined' ? require : a)[b],
        })
      : x)(function (x) {
  if (typeof require !== 'undefined') return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) =>
  function __init() {
    if (err) throw err[0];
    try {
      return (fn && (res = (0, fn[__getOwnPropNames(fn)[0]])((fn = 0))), res);
    } catch (e) {
      throw ((err = [e]), e);
    }
  };
var __commonJS = (cb, mod) =>
  function __require2() {
    try {
      return (mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports);
    } catch (e) {
      throw ((mod = 0), e);
    }
  };
var __export = (target, all) => {
  for (var name in all) __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if ((from && typeof from === 'object') || typeof from === 'function') {
    for (const key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, {
          get: () => from[key],
          enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable,
        });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (
  (target = mod != null ? __create(__getProtoOf(mod)) : {}),
  __copyProps(
    // If the importer is in node compatibility mode or this is not an ESM
    // file that has been converted to a CommonJS file using a Babel-
    // compatible transform (i.e. "__esModule" has not been set), then set
    // "default" to the CommonJS "module.exports" for node compatibility.
    isNodeMode || !mod || !mod.__esModule
      ? __defProp(target, 'default', { value: mod, enumerable: true })
      : target,
    mod,
  )
);

// ../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/error.js
var CommanderError, InvalidArgumentError;
var init_error = __esm({
  '../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/error.js'() {
    CommanderError = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    InvalidArgumentError = class extends CommanderError {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, 'commander.invalidArgument', message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/argument.js
function humanReadableArgName(arg) {
  const nameOutput = arg.name() + (arg.variadic === true ? '...' : '');
  return arg.required ? '<' + nameOutput + '>' : '[' + nameOutput + ']';
}
var Argument;
var init_argument = __esm({
  '../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/argument.js'() {
    init_error();
    Argument = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || '';
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case '<':
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case '[':
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith('...')) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError(`Allowed choices are ${this.argChoices.join(', ')}.`);
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/help.js
import { stripVTControlCharacters } from 'node:util';

var Help;
var init_help = __esm({
  '../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/help.js'() {
    init_argument();
    Help = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, '') : option.long.replace(/^--/, '');
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd
                .createOption(helpOption.long, helpOption.description)
                .helpGroup(helpOption.helpGroupHeading),
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd
                .createOption(helpOption.short, helpOption.description)
                .helpGroup(helpOption.helpGroupHeading),
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter((option) => !option.hidden);
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || '';
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args2 = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(' ');
        return (
          cmd._name +
          (cmd._aliases[0] ? '|' + cmd._aliases[0] : '') +
          (cmd.options.length ? ' [options]' : '') + // simplistic check for non-help option
          (args2 ? ' ' + args2 : '')
        );
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => {
          return Math.max(max, this.displayWidth(helper.styleSubcommandTerm(helper.subcommandTerm(command))));
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(max, this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))));
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(max, this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))));
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(max, this.displayWidth(helper.styleArgumentTerm(helper.argumentTerm(argument))));
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + '|' + cmd._aliases[0];
        }
        let ancestorCmdNames = '';
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + ' ' + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + ' ' + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault =
            option.required ||
            option.optional ||
            (option.isBoolean() && typeof option.defaultValue === 'boolean');
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`,
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(', ')})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`,
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(', ')})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ''];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [`${helper.styleTitle('Usage:')} ${helper.styleUsage(helper.commandUsage(cmd))}`, ''];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(helper.styleCommandDescription(commandDescription), helpWidth),
            '',
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument)),
          );
        });
        output = output.concat(this.formatItemList('Arguments:', argumentList, helper));
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? 'Options:',
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option)),
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option)),
            );
          });
          output = output.concat(this.formatItemList('Global Options:', globalOptionList, helper));
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || 'Commands:',
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub)),
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join('\n');
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripVTControlCharacters(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str
          .split(' ')
          .map((word) => {
            if (word === '[options]') return this.styleOptionText(word);
            if (word === '[command]') return this.styleSubcommandText(word);
            if (word[0] === '[' || word[0] === '<') return this.styleArgumentText(word);
            return this.styleCommandText(word);
          })
          .join(' ');
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str
          .split(' ')
          .map((word) => {
            if (word === '[options]') return this.styleOptionText(word);
            if (word[0] === '[' || word[0] === '<') return this.styleArgumentText(word);
            return this.styleSubcommandText(word);
          })
          .join(' ');
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper),
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = ' '.repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(termWidth + term.length - helper.displayWidth(term));
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            '\n' + ' '.repeat(termWidth + spacerWidth),
          );
        }
        return (
          itemIndentStr +
          paddedTerm +
          ' '.repeat(spacerWidth) +
          formattedDescription.replace(
            /\n/g,
            `
${itemIndentStr}`,
          )
        );
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        const rawLines = str.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push('');
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(''));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(''));
        });
        return wrappedLines.join('\n');
      }
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/option.js
function camelcase(str) {
  return str.split('-').reduce((str2, word) => {
    return str2 + word[0].toUpperCase() + word.slice(1);
  });
}
function splitOptionFlags(flags) {
  let shortFlag;
  let longFlag;
  const shortFlagExp = /^-[^-]$/;
  const longFlagExp = /^--[^-]/;
  const flagParts = flags.split(/[ |,]+/).concat('guard');
  if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
  if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
  if (!shortFlag && shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
  if (!shortFlag && longFlagExp.test(flagParts[0])) {
    shortFlag = longFlag;
    longFlag = flagParts.shift();
  }
  if (flagParts[0].startsWith('-')) {
    const unsupportedFlag = flagParts[0];
    const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
    if (/^-[^-][^-]/.test(unsupportedFlag))
      throw new Error(
        `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`,
      );
    if (shortFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many short flags`);
    if (longFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many long flags`);
    throw new Error(`${baseError}
- unrecognised flag format`);
  }
  if (shortFlag === void 0 && longFlag === void 0)
    throw new Error(`option creation failed due to no flags found in '${flags}'.`);
  return { shortFlag, longFlag };
}
var Option, DualOptions;
var init_option = __esm({
  '../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/option.js'() {
    init_error();
    Option = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || '';
        this.required = flags.includes('<');
        this.optional = flags.includes('[');
        this.variadic = /\p{ID_Continue}\.\.\.[>\]]$/u.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith('--no-');
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === 'string') {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError(`Allowed choices are ${this.argChoices.join(', ')}.`);
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, '');
        }
        return this.short.replace(/^-/, '');
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ''));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/suggestSimilar.js
function editDistance(a, b) {
  if (Math.abs(a.length - b.length) > maxDistance) return Math.max(a.length, b.length);
  const d = [];
  for (let i = 0; i <= a.length; i++) {
    d[i] = [i];
  }
  for (let j = 0; j <= b.length; j++) {
    d[0][j] = j;
  }
  for (let j = 1; j <= b.length; j++) {
    for (let i = 1; i <= a.length; i++) {
      let cost;
      if (a[i - 1] === b[j - 1]) {
        cost = 0;
      } else {
        cost = 1;
      }
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        // deletion
        d[i][j - 1] + 1,
        // insertion
        d[i - 1][j - 1] + cost,
        // substitution
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
function suggestSimilar(word, candidates) {
  if (!candidates || candidates.length === 0) return '';
  candidates = Array.from(new Set(candidates));
  const searchingOptions = word.startsWith('--');
  if (searchingOptions) {
    word = word.slice(2);
    candidates = candidates.map((candidate2) => candidate2.slice(2));
  }
  let similar = [];
  let bestDistance = maxDistance;
  const minSimilarity = 0.4;
  candidates.forEach((candidate2) => {
    if (candidate2.length <= 1) return;
    const distance2 = editDistance(word, candidate2);
    const length2 = Math.max(word.length, candidate2.length);
    const similarity = (length2 - distance2) / length2;
    if (similarity > minSimilarity) {
      if (distance2 < bestDistance) {
        bestDistance = distance2;
        similar = [candidate2];
      } else if (distance2 === bestDistance) {
        similar.push(candidate2);
      }
    }
  });
  similar.sort((a, b) => a.localeCompare(b));
  if (searchingOptions) {
    similar = similar.map((candidate2) => `--${candidate2}`);
  }
  if (similar.length > 1) {
    return `
(Did you mean one of ${similar.join(', ')}?)`;
  }
  if (similar.length === 1) {
    return `
(Did you mean ${similar[0]}?)`;
  }
  return '';
}
var maxDistance;
var init_suggestSimilar = __esm({
  '../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/suggestSimilar.js'() {
    maxDistance = 3;
  },
});

import childProcess from 'node:child_process';
// ../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/command.js
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import process2 from 'node:process';
import { stripVTControlCharacters as stripVTControlCharacters2 } from 'node:util';

function incrementNodeInspectorPort(args2) {
  return args2.map((arg) => {
    if (!arg.startsWith('--inspect')) {
      return arg;
    }
    let debugOption;
    let debugHost = '127.0.0.1';
    let debugPort = '9229';
    let match;
    if ((match = arg.match(/^(--inspect(-brk|-wait)?)$/)) !== null) {
      debugOption = match[1];
    } else if ((match = arg.match(/^(--inspect(-brk|-port|-wait)?)=(\[[^\]]+\]|[^:]+)$/)) !== null) {
      debugOption = match[1];
      if (/^\d+$/.test(match[3])) {
        debugPort = match[3];
      } else {
        debugHost = match[3];
      }
    } else if ((match = arg.match(/^(--inspect(-brk|-port|-wait)?)=(\[[^\]]+\]|[^:]+):(\d+)$/)) !== null) {
      debugOption = match[1];
      debugHost = match[3];
      debugPort = match[4];
    }
    if (debugOption && debugPort !== '0') {
      return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
    }
    return arg;
  });
}
function useColor() {
  if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === '0' || process2.env.FORCE_COLOR === 'false')
    return false;
  if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0) return true;
  return void 0;
}
var Command;
var init_command = __esm({
  '../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/lib/command.js'() {
    init_argument();
    init_error();
    init_help();
    init_option();
    init_suggestSimilar();
    Command = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || '';
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = '';
        this._summary = '';
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => (process2.stdout.isTTY ? process2.stdout.columns : void 0),
          getErrHelpWidth: () => (process2.stderr.isTTY ? process2.stderr.columns : void 0),
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripVTControlCharacters2(str),
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command = this; command; command = command.parent) {
          result.push(command);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === 'object' && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args2] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args2) cmd.arguments(args2);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration,
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== 'string') displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === 'function') {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names
          .trim()
          .split(/ +/)
          .forEach((detail) => {
            this.argument(detail);
          });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(`only the last argument can be variadic '${previousArgument.name()}'`);
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(`a default value for a required argument is never used: '${argument.name()}'`);
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === 'boolean') {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? 'help [command]';
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? 'display help for command';
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== 'object') {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand =
          this._addImplicitHelpCommand ??
          (this.commands.length && !this._actionHandler && !this._findCommand('help'));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ['preSubcommand', 'preAction', 'postAction'];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== 'commander.executeSubCommandAsync') {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError(exitCode, code, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args2) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args2.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === 'commander.invalidArgument') {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption =
          (option.short && this._findOption(option.short)) || (option.long && this._findOption(option.long));
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command).find((name) => this._findCommand(name));
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join('|');
          const newCmd = knownBy(command).join('|');
          throw new Error(`cannot add command '${newCmd}' as already have command '${existingCmd}'`);
        }
        this._initCommandGroup(command);
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, 'default');
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = '';
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on('option:' + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, 'cli');
        });
        if (option.envVar) {
          this.on('optionEnv:' + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, 'env');
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === 'object' && flags instanceof Option) {
          throw new Error('To add an Option object use addOption() instead of option() or requiredOption()');
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === 'function') {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx({ mandatory: true }, flags, description, parseArg, defaultValue);
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`,
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error('call .storeOptionsAsProperties() before adding options');
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error('call .storeOptionsAsProperties() before setting option values');
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (Object.hasOwn(cmd._optionValueSources, key)) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error('first parameter to parse must be array or undefined');
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = 'electron';
          }
          const execArgv = process2.execArgv ?? [];
          if (
            execArgv.includes('-e') ||
            execArgv.includes('--eval') ||
            execArgv.includes('-p') ||
            execArgv.includes('--print')
          ) {
            parseOptions.from = 'eval';
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case 'node':
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case 'electron':
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case 'user':
            userArgs = argv.slice(0);
            break;
          case 'eval':
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(`unexpected parse option { from: '${parseOptions.from}' }`);
        }
        if (!this._name && this._scriptPath) this.nameFromFilename(this._scriptPath);
        this._name = this._name || 'program';
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.options
            .filter(
              (option) =>
                option.negate &&
                option.defaultValue === void 0 &&
                this.getOptionValue(option.attributeName()) === void 0,
            )
            .forEach((option) => {
              const positiveLongFlag = option.long.replace(/^--no-/, '--');
              if (!this._findOption(positiveLongFlag)) {
                this.setOptionValueWithSource(option.attributeName(), true, 'default');
              }
            });
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources },
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir
          ? `searched for local subcommand relative to directory '${executableDir}'`
          : 'no directory for search for local subcommand, use .executableDir() to supply a custom directory';
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args2) {
        args2 = args2.slice();
        const sourceExt = ['.js', '.ts', '.tsx', '.mjs', '.cjs'];
        function findFile(baseDir, baseName) {
          const localBin = path.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path.extname(baseName))) return void 0;
          const foundExt = sourceExt.find((ext) => fs.existsSync(`${localBin}${ext}`));
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || '';
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path.resolve(path.dirname(resolvedScriptPath), executableDir);
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path.basename(this._scriptPath, path.extname(this._scriptPath));
            if (legacyName !== this._name) {
              localFile = findFile(executableDir, `${legacyName}-${subcommand._name}`);
            }
          }
          executableFile = localFile || executableFile;
        }
        const launchWithNode = sourceExt.includes(path.extname(executableFile));
        let proc;
        if (process2.platform !== 'win32') {
          if (launchWithNode) {
            args2.unshift(executableFile);
            args2 = incrementNodeInspectorPort(process2.execArgv).concat(args2);
            proc = childProcess.spawn(process2.argv[0], args2, { stdio: 'inherit' });
          } else {
            proc = childProcess.spawn(executableFile, args2, { stdio: 'inherit' });
          }
        } else {
          this._checkForMissingExecutable(executableFile, executableDir, subcommand._name);
          args2.unshift(executableFile);
          args2 = incrementNodeInspectorPort(process2.execArgv).concat(args2);
          proc = childProcess.spawn(process2.execPath, args2, { stdio: 'inherit' });
        }
        if (!proc.killed) {
          const signals = ['SIGUSR1', 'SIGUSR2', 'SIGTERM', 'SIGINT', 'SIGHUP'];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on('close', (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(new CommanderError(code, 'commander.executeSubCommandAsync', '(close)'));
          }
        });
        proc.on('error', (err) => {
          if (err.code === 'ENOENT') {
            this._checkForMissingExecutable(executableFile, executableDir, subcommand._name);
          } else if (err.code === 'EACCES') {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError(1, 'commander.executeSubCommandAsync', '(error)');
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(promiseChain, subCommand, 'preSubcommand');
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? '--help'],
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (
          this.registeredArguments.length > 0 &&
          this.registeredArguments[this.registeredArguments.length - 1].variadic
        ) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(argument, value, previous, invalidValueMessage);
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === 'function') {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors()
          .reverse()
          .filter((cmd) => cmd._lifeCycleHooks[event] !== void 0)
          .forEach((hookedCommand) => {
            hookedCommand._lifeCycleHooks[event].forEach((callback) => {
              hooks.push({ hookedCommand, callback });
            });
          });
        if (event === 'postAction') {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(this._defaultCommandName, operands, unknown);
        }
        if (
          this.commands.length &&
          this.args.length === 0 &&
          !this._actionHandler &&
          !this._defaultCommandName
        ) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, 'preAction');
          promiseChain = this._chainOrCall(promiseChain, () => this._actionHandler(this.processedArgs));
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, 'postAction');
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand('*')) {
            return this._dispatchSubcommand('*', operands, unknown);
          }
          if (this.listenerCount('command:*')) {
            this.emit('command:*', operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find((cmd) => cmd._name === name || cmd._aliases.includes(name));
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== 'default';
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0,
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find((defined) =>
            option.conflictsWith.includes(defined.attributeName()),
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args2) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === '-';
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)([eE][+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some((cmd) =>
            cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short)),
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args2.length || activeGroup) {
          const arg = activeGroup ?? args2[i++];
          activeGroup = null;
          if (arg === '--') {
            if (dest === unknown) dest.push(arg);
            dest.push(...args2.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args2[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args2.length && (!maybeOption(args2[i]) || negativeNumberArg(args2[i]))) {
                  value = args2[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || (option.optional && this._combineFlagAndOptionalValue)) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf('=');
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (
            dest === operands &&
            maybeOption(arg) &&
            !(this.commands.length === 0 && negativeNumberArg(arg))
          ) {
            dest = unknown;
          }
          if (
            (this._enablePositionalOptions || this._passThroughOptions) &&
            operands.length === 0 &&
            unknown.length === 0
          ) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args2.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args2.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args2.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args2.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {},
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr,
        );
        if (typeof this._showHelpAfterError === 'string') {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr('\n');
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code = config.code || 'commander.error';
        this._exit(exitCode, code, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (
              this.getOptionValue(optionKey) === void 0 ||
              ['default', 'config', 'env'].includes(this.getOptionValueSource(optionKey))
            ) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return (
            this.getOptionValue(optionKey) !== void 0 &&
            !['default', 'implied'].includes(this.getOptionValueSource(optionKey))
          );
        };
        this.options
          .filter(
            (option) =>
              option.implied !== void 0 &&
              hasCustomOptionValue(option.attributeName()) &&
              dualHelper.valueFromOption(this.getOptionValue(option.attributeName()), option),
          )
          .forEach((option) => {
            Object.keys(option.implied)
              .filter((impliedKey) => !hasCustomOptionValue(impliedKey))
              .forEach((impliedKey) => {
                this.setOptionValueWithSource(impliedKey, option.implied[impliedKey], 'implied');
              });
          });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: 'commander.missingArgument' });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: 'commander.optionMissingArgument' });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: 'commander.missingMandatoryOptionValue' });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName(),
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName(),
          );
          if (
            negativeOption &&
            ((negativeOption.presetArg === void 0 && optionValue === false) ||
              (negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg))
          ) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === 'env') {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: 'commander.conflictingOption' });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = '';
        if (flag.startsWith('--') && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command = this;
          do {
            const moreFlags = command
              .createHelp()
              .visibleOptions(command)
              .filter((option) => option.long)
              .map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: 'commander.unknownOption' });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? '' : 's';
        const received = receivedArgs.length;
        const forSubcommand = this.parent ? ` for '${this.name()}'` : '';
        const details = receivedArgs.join(', ');
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${received}: ${details}.`;
        this.error(message, { code: 'commander.excessArguments' });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = '';
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp()
            .visibleCommands(this)
            .forEach((command) => {
              candidateNames.push(command.name());
              if (command.alias()) candidateNames.push(command.alias());
            });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: 'commander.unknownCommand' });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str;
        flags = flags || '-V, --version';
        description = description || 'output the version number';
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on('option:' + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`);
          this._exit(0, 'commander.version', str);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        if (str === void 0 && argsDescription === void 0) return this._description;
        this._description = str;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        if (str === void 0) return this._summary;
        this._summary = str;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command = this.commands[this.commands.length - 1];
        }
        if (alias === command._name) throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join('|');
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`,
          );
        }
        command._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          const args2 = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return []
            .concat(
              this.options.length || this._helpOption !== null ? '[options]' : [],
              this.commands.length ? '[command]' : [],
              this.registeredArguments.length ? args2 : [],
            )
            .join(' ');
        }
        this._usage = str;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        if (str === void 0) return this._name;
        this._name = str;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? '';
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:');
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? '';
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? '';
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading) option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup()) cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or import.meta.filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(import.meta.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path.basename(filename, path.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(import.meta.dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path2) {
        if (path2 === void 0) return this._executableDir;
        this._executableDir = path2;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors,
        });
        const text = helper.formatHelp(this, helper);
        if (context.hasColors) return text;
        return this._outputConfiguration.stripColor(text);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors2;
        let helpWidth;
        if (error) {
          baseWrite = (str) => this._outputConfiguration.writeErr(str);
          hasColors2 = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str) => this._outputConfiguration.writeOut(str);
          hasColors2 = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str) => {
          if (!hasColors2) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write, hasColors: hasColors2, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === 'function') {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this,
        };
        this._getCommandAndAncestors()
          .reverse()
          .forEach((command) => command.emit('beforeAllHelp', eventContext));
        this.emit('beforeHelp', eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== 'string' && !Buffer.isBuffer(helpInformation)) {
            throw new Error('outputHelp callback must return a string or a Buffer');
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit('afterHelp', eventContext);
        this._getCommandAndAncestors().forEach((command) => command.emit('afterAllHelp', eventContext));
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help', 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === 'boolean') {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? '-h, --help',
          description ?? 'display help for command',
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (
          exitCode === 0 &&
          contextOptions &&
          typeof contextOptions !== 'function' &&
          contextOptions.error
        ) {
          exitCode = 1;
        }
        this._exit(exitCode, 'commander.help', '(outputHelp)');
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text) {
        const allowedValues = ['beforeAll', 'before', 'after', 'afterAll'];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text === 'function') {
            helpStr = text({ error: context.error, command: context.command });
          } else {
            helpStr = text;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args2) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args2.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, 'commander.helpDisplayed', '(outputHelp)');
        }
      }
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/index.js
var program;
var init_commander = __esm({
  '../../work/wt/cold-start/node_modules/.pnpm/commander@15.1.0/node_modules/commander/index.js'() {
    init_argument();
    init_command();
    init_error();
    init_help();
    init_option();
    program = new Command();
  },
});

// ../../work/wt/cold-start/packages/core/dist/cheapest-plan.js
function filterPlans(plans, query = {}) {
  return plans
    .filter(
      (plan) =>
        plan.publicIpv4 &&
        plan.cpus >= (query.minCpus ?? 0) &&
        plan.memoryMiB >= (query.minMemoryMiB ?? 0) &&
        (query.region === void 0 || plan.regions === void 0 || plan.regions.includes(query.region)),
    )
    .sort(
      (a, b) =>
        a.price.monthly - b.price.monthly ||
        a.cpus - b.cpus ||
        a.memoryMiB - b.memoryMiB ||
        a.id.localeCompare(b.id),
    );
}
function cheapestPlan(plans, query = {}) {
  return filterPlans(plans, query)[0];
}
var init_cheapest_plan = __esm({
  '../../work/wt/cold-start/packages/core/dist/cheapest-plan.js'() {},
});

// ../../work/wt/cold-start/packages/core/dist/errors/provision-error.js
function brandOf(name) {
  return /* @__PURE__ */ Symbol.for(`provision.error.${name}`);
}
var BRAND, ProvisionError;
var init_provision_error = __esm({
  '../../work/wt/cold-start/packages/core/dist/errors/provision-error.js'() {
    BRAND = /* @__PURE__ */ Symbol.for('provision.error');
    ProvisionError = class extends Error {
      /** Stable machine-readable code, e.g. `'host_not_found'`. */
      code;
      /** Plugin id, when known. */
      provider;
      /** Operation that failed, when known. */
      operation;
      /** Whether repeating the same call may succeed. */
      retryable;
      /** What to do about it. */
      hint;
      [BRAND] = true;
      constructor(code, message, retryable, options = {}) {
        super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
        this.name = new.target.name;
        this.code = code;
        this.provider = options.provider;
        this.operation = options.operation;
        this.retryable = retryable;
        this.hint = options.hint;
      }
      /** True for any provision error, from any copy of this package. */
      static isInstance(value) {
        return typeof value === 'object' && value !== null && value[BRAND] === true;
      }
    };
  },
});

// ../../work/wt/cold-start/packages/core/dist/errors/errors.js
function isBranded(value, brand) {
  return ProvisionError.isInstance(value) && value[brand] === true;
}
var INVALID_REQUEST,
  InvalidRequestError,
  UNSUPPORTED,
  UnsupportedError,
  MISSING_CREDENTIALS,
  MissingCredentialsError,
  AUTHENTICATION,
  AuthenticationError,
  HOST_NOT_FOUND,
  HostNotFoundError,
  RATE_LIMIT,
  RateLimitError,
  QUOTA,
  QuotaExceededError,
  CAPACITY,
  CapacityError,
  PROVIDER_API,
  ProviderApiError,
  WAIT_TIMEOUT,
  WaitTimeoutError;
var init_errors = __esm({
  '../../work/wt/cold-start/packages/core/dist/errors/errors.js'() {
    init_provision_error();
    INVALID_REQUEST = brandOf('InvalidRequestError');
    InvalidRequestError = class extends ProvisionError {
      [INVALID_REQUEST] = true;
      /** The input field at fault, e.g. `'name'`, `'inbound[2].to'`. */
      field;
      constructor(message, options = {}) {
        super(options.code ?? 'invalid_request', message, false, options);
        this.field = options.field;
      }
      static isInstance(value) {
        return isBranded(value, INVALID_REQUEST);
      }
    };
    UNSUPPORTED = brandOf('UnsupportedError');
    UnsupportedError = class extends ProvisionError {
      [UNSUPPORTED] = true;
      constructor(message, options = {}) {
        super('unsupported', message, false, options);
      }
      static isInstance(value) {
        return isBranded(value, UNSUPPORTED);
      }
    };
    MISSING_CREDENTIALS = brandOf('MissingCredentialsError');
    MissingCredentialsError = class extends ProvisionError {
      [MISSING_CREDENTIALS] = true;
      /** Environment variables that would have been read, in order. */
      envVars;
      constructor(message, options = {}) {
        super('missing_credentials', message, false, options);
        this.envVars = options.envVars ?? [];
      }
      static isInstance(value) {
        return isBranded(value, MISSING_CREDENTIALS);
      }
    };
    AUTHENTICATION = brandOf('AuthenticationError');
    AuthenticationError = class extends ProvisionError {
      [AUTHENTICATION] = true;
      constructor(message, options = {}) {
        super('authentication_failed', message, false, options);
      }
      static isInstance(value) {
        return isBranded(value, AUTHENTICATION);
      }
    };
    HOST_NOT_FOUND = brandOf('HostNotFoundError');
    HostNotFoundError = class extends ProvisionError {
      [HOST_NOT_FOUND] = true;
      /** The id or IP that was looked up. */
      hostId;
      constructor(hostId, options = {}) {
        super(
          'host_not_found',
          `Host ${hostId} was not found${options.provider ? ` on ${options.provider}` : ''}.`,
          false,
          {
            hint: 'It may have been deleted; `list()` shows the hosts that exist.',
            ...options,
          },
        );
        this.hostId = hostId;
      }
      static isInstance(value) {
        return isBranded(value, HOST_NOT_FOUND);
      }
    };
    RATE_LIMIT = brandOf('RateLimitError');
    RateLimitError = class extends ProvisionError {
      [RATE_LIMIT] = true;
      /** How long the cloud asked us to wait, in milliseconds, when it said. */
      retryAfterMs;
      constructor(message, options = {}) {
        super('rate_limited', message, true, options);
        this.retryAfterMs = options.retryAfterMs;
      }
      static isInstance(value) {
        return isBranded(value, RATE_LIMIT);
      }
    };
    QUOTA = brandOf('QuotaExceededError');
    QuotaExceededError = class extends ProvisionError {
      [QUOTA] = true;
      constructor(message, options = {}) {
        super('quota_exceeded', message, false, options);
      }
      static isInstance(value) {
        return isBranded(value, QUOTA);
      }
    };
    CAPACITY = brandOf('CapacityError');
    CapacityError = class extends ProvisionError {
      [CAPACITY] = true;
      constructor(message, options = {}) {
        super('capacity', message, true, options);
      }
      static isInstance(value) {
        return isBranded(value, CAPACITY);
      }
    };
    PROVIDER_API = brandOf('ProviderApiError');
    ProviderApiError = class extends ProvisionError {
      [PROVIDER_API] = true;
      /** HTTP status, when there was a response. */
      status;
      /** The cloud's own error code, e.g. `'unprocessable_entity'`. */
      providerCode;
      constructor(message, options = {}) {
        super(options.code ?? 'provider_api_error', message, options.retryable ?? false, options);
        this.status = options.status;
        this.providerCode = options.providerCode;
      }
      static isInstance(value) {
        return isBranded(value, PROVIDER_API);
      }
    };
    WAIT_TIMEOUT = brandOf('WaitTimeoutError');
    WaitTimeoutError = class extends ProvisionError {
      [WAIT_TIMEOUT] = true;
      /** The status seen last, if any. */
      lastStatus;
      constructor(message, options = {}) {
        super('wait_timeout', message, true, options);
        this.lastStatus = options.lastStatus;
      }
      static isInstance(value) {
        return isBranded(value, WAIT_TIMEOUT);
      }
    };
  },
});

// ../../work/wt/cold-start/packages/core/dist/id-rules.js
function shown(value) {
  const text = typeof value === 'string' ? value : String(value);
  const clipped = text.length > 80 ? `${text.slice(0, 80)}\u2026` : text;
  return JSON.stringify(clipped);
}
function checkId(input, value) {
  const { provider, displayName, field, rule } = input;
  const refuse = (broken) => {
    throw new InvalidRequestError(
      `${field} ${shown(value)} is not a ${displayName} ${field} id: ${broken.description}.`,
      {
        provider,
        operation: 'provision',
        field,
        hint:
          field === 'region'
            ? 'Omit region for the default, or pick one that `regions()` lists.'
            : 'Omit plan for the cheapest, or pick one that `plans()` lists.',
      },
    );
  };
  if (typeof value !== 'string' || !DEFAULT_ID_RULE.pattern.test(value)) refuse(DEFAULT_ID_RULE);
  if (rule !== void 0 && !rule.pattern.test(value)) refuse(rule);
  return value;
}
var DEFAULT_ID_RULE;
var init_id_rules = __esm({
  '../../work/wt/cold-start/packages/core/dist/id-rules.js'() {
    init_errors();
    DEFAULT_ID_RULE = {
      pattern: /^[^\s\p{Cc}\p{Cf}/?#%]{1,128}$/u,
      description: '1 to 128 characters, without white space, control characters, "/", "?", "#" or "%"',
    };
  },
});

// ../../work/wt/cold-start/packages/core/dist/spec/v1/provisioner-v1.js
var OPTIONAL_CAPABILITIES, CAPABILITY_METHODS;
var init_provisioner_v1 = __esm({
  '../../work/wt/cold-start/packages/core/dist/spec/v1/provisioner-v1.js'() {
    OPTIONAL_CAPABILITIES = [
      'list',
      'start',
      'stop',
      'reboot',
      'plans',
      'regions',
      'verifyCredentials',
      'quota',
      'orphans',
    ];
    CAPABILITY_METHODS = {
      list: ['list'],
      start: ['start'],
      stop: ['stop'],
      reboot: ['reboot'],
      plans: ['plans'],
      regions: ['regions'],
      verifyCredentials: ['verifyCredentials'],
      quota: ['quota'],
      orphans: ['orphans', 'deleteOrphan'],
    };
  },
});

// ../../work/wt/cold-start/packages/core/dist/tags.js
import { createHash } from 'node:crypto';

function hostIdentity(owner, name) {
  const digest = createHash('sha256').update(`${owner}/${name}`, 'utf8').digest();
  let bits = 0;
  let buffered = 0;
  let text = '';
  for (const byte of digest) {
    buffered = (buffered << 8) | byte;
    bits += 8;
    while (bits >= 5 && text.length < HOST_IDENTITY_LENGTH) {
      bits -= 5;
      text += BASE32[(buffered >> bits) & 31];
    }
    buffered &= (1 << bits) - 1;
    if (text.length === HOST_IDENTITY_LENGTH) break;
  }
  return text;
}
function encodeManagedTags(input, now = /* @__PURE__ */ new Date()) {
  const owner = input.owner ?? DEFAULT_OWNER;
  const tags = { ...input.tags };
  tags[MANAGED_TAG_KEYS.managedBy] = MANAGED_BY_VALUE;
  tags[MANAGED_TAG_KEYS.name] = input.name;
  tags[MANAGED_TAG_KEYS.owner] = owner;
  tags[MANAGED_TAG_KEYS.identity] = hostIdentity(owner, input.name);
  if (input.ttlMs !== void 0) {
    tags[MANAGED_TAG_KEYS.expires] = String(Math.floor((now.getTime() + input.ttlMs) / 1e3));
  }
  return tags;
}
function isExpired(info, now = /* @__PURE__ */ new Date()) {
  return info.expiresAt !== void 0 && info.expiresAt.getTime() <= now.getTime();
}
var MANAGED_TAG_KEYS, MANAGED_BY_VALUE, DEFAULT_OWNER, RESERVED_TAG_PREFIX, HOST_IDENTITY_LENGTH, BASE32;
var init_tags = __esm({
  '../../work/wt/cold-start/packages/core/dist/tags.js'() {
    MANAGED_TAG_KEYS = {
      /** Marks a resource as created by provision. Value: `MANAGED_BY_VALUE`. */
      managedBy: 'provision-managed-by',
      /** The host name. */
      name: 'provision-name',
      /** The owner namespace. */
      owner: 'provision-owner',
      /** Expiry, in whole seconds since the epoch (digits only, so it fits every tag syntax). */
      expires: 'provision-expires',
      /** `hostIdentity(owner, name)`: one short value that identifies a host, for clouds that filter by a single tag. */
      identity: 'provision-host',
    };
    MANAGED_BY_VALUE = 'provision';
    DEFAULT_OWNER = 'default';
    RESERVED_TAG_PREFIX = 'provision';
    HOST_IDENTITY_LENGTH = 26;
    BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
  },
});

// ../../work/wt/cold-start/packages/core/dist/stored-tags.js
function hostTagsOf(manifest, spec, now = /* @__PURE__ */ new Date()) {
  return manifest.hostTags?.(spec, now) ?? encodeManagedTags(spec, now);
}
function fieldOf(key, spec) {
  if (FIELD_OF[key] !== void 0) return FIELD_OF[key];
  if (!key.startsWith(RESERVED_TAG_PREFIX) && key in spec.tags) return `tags.${key}`;
  return 'tags';
}
function problemOf(storage, key, value) {
  if (storage.kind === 'key-value') {
    if (length(key) > storage.maxKeyLength)
      return `its key is ${length(key)} characters; at most ${storage.maxKeyLength}`;
    if (storage.keyPattern !== void 0 && !storage.keyPattern.test(key))
      return `its key does not match ${storage.keyPattern}`;
    if (length(value) > storage.maxValueLength)
      return `its value is ${length(value)} characters; at most ${storage.maxValueLength}`;
    if (storage.valuePattern !== void 0 && !storage.valuePattern.test(value))
      return `its value does not match ${storage.valuePattern}`;
    return void 0;
  }
  const tag = storage.encode(key, value);
  const size = length(tag);
  if (size > storage.maxLength)
    return `it is ${size} characters once stored as ${shown(tag)}; at most ${storage.maxLength}`;
  if (size < (storage.minLength ?? 1))
    return `it is ${size} characters once stored; at least ${storage.minLength ?? 1}`;
  if (storage.pattern !== void 0 && !storage.pattern.test(tag))
    return `once stored as ${shown(tag)} it does not match ${storage.pattern}`;
  return void 0;
}
function checkStoredTags(manifest, spec, now) {
  const rules = manifest.limits.tags;
  const storage = rules.storage ?? {
    kind: 'key-value',
    maxKeyLength: rules.maxKeyLength,
    maxValueLength: rules.maxValueLength,
  };
  const tags = Object.entries(hostTagsOf(manifest, spec, now));
  if (storage.maxCount !== void 0 && tags.length > storage.maxCount) {
    throw new InvalidRequestError(
      `The host would carry ${tags.length} tags; ${manifest.displayName} allows at most ${storage.maxCount} (provision's own tags included).`,
      { provider: manifest.id, operation: 'provision', field: 'tags', hint: 'Give fewer tags.' },
    );
  }
  for (const [key, value] of tags) {
    const problem = problemOf(storage, key, value);
    if (problem === void 0) continue;
    const field = fieldOf(key, spec);
    throw new InvalidRequestError(
      `The tag ${shown(key)} does not fit ${manifest.displayName}'s tag rules: ${problem}.`,
      {
        provider: manifest.id,
        operation: 'provision',
        field,
        hint: field === 'tags' ? void 0 : `Shorten ${field}.`,
      },
    );
  }
}
var FIELD_OF, length;
var init_stored_tags = __esm({
  '../../work/wt/cold-start/packages/core/dist/stored-tags.js'() {
    init_errors();
    init_id_rules();
    init_tags();
    FIELD_OF = {
      [MANAGED_TAG_KEYS.name]: 'name',
      [MANAGED_TAG_KEYS.identity]: 'name',
      [MANAGED_TAG_KEYS.owner]: 'owner',
      [MANAGED_TAG_KEYS.expires]: 'ttl',
    };
    length = (text) => [...text].length;
  },
});

// ../../work/wt/cold-start/packages/core/dist/validate-host-spec.js
function fail(provider, field, message, hint) {
  throw new InvalidRequestError(message, { provider, operation: 'provision', field, hint });
}
function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function checkInbound(manifest, inbound) {
  const id = manifest.id;
  if (inbound === void 0) return void 0;
  if (!manifest.capabilities.inbound) {
    throw new UnsupportedError(
      `${manifest.displayName} hosts cannot be given inbound rules by this plugin.`,
      {
        provider: id,
        operation: 'provision',
        hint: 'Omit inbound to use the cloud default networking.',
      },
    );
  }
  if (inbound === 'all') return 'all';
  if (!Array.isArray(inbound)) fail(id, 'inbound', 'inbound must be "all" or a list of port rules.');
  if (inbound.length === 0)
    fail(id, 'inbound', 'inbound is an empty list; omit it for the cloud default, or list ports.');
  if (inbound.length > manifest.limits.maxInboundRules) {
    fail(
      id,
      'inbound',
      `inbound has ${inbound.length} rules; ${manifest.displayName} allows at most ${manifest.limits.maxInboundRules}.`,
    );
  }
  const seen = /* @__PURE__ */ new Set();
  return inbound.map((rule, index) => {
    const field = `inbound[${index}]`;
    if (!isPlainObject(rule)) fail(id, field, `${field} must be an object { from, to?, protocol? }.`);
    const { from, to = from, protocol = 'tcp', ...rest } = rule;
    if (Object.keys(rest).length > 0)
      fail(id, field, `${field} has unknown fields: ${Object.keys(rest).join(', ')}.`);
    for (const [key2, port2] of [
      ['from', from],
      ['to', to],
    ]) {
      if (typeof port2 !== 'number' || !Number.isInteger(port2) || port2 < 1 || port2 > 65535) {
        fail(id, `${field}.${key2}`, `${field}.${key2} must be a whole port number from 1 to 65535.`);
      }
    }
    if (to < from) fail(id, `${field}.to`, `${field} ends (${to}) before it starts (${from}).`);
    if (protocol !== 'tcp' && protocol !== 'udp')
      fail(id, `${field}.protocol`, `${field}.protocol must be "tcp" or "udp".`);
    const key = `${from}-${to}/${protocol}`;
    if (seen.has(key)) fail(id, field, `${field} repeats ${key}.`);
    seen.add(key);
    return { from, to, protocol };
  });
}
function checkTags(manifest, tags) {
  const id = manifest.id;
  const rules = manifest.limits.tags;
  if (tags === void 0) return {};
  if (!isPlainObject(tags)) fail(id, 'tags', 'tags must be an object of string keys to string values.');
  const entries = Object.entries(tags);
  if (entries.length > rules.maxCount)
    fail(id, 'tags', `${entries.length} tags given; at most ${rules.maxCount} are allowed.`);
  for (const [key, value] of entries) {
    if (key === '__proto__')
      fail(id, 'tags.__proto__', 'Tag key "__proto__" is not allowed: it cannot be stored as a tag key.');
    if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
      fail(
        id,
        `tags.${key}`,
        `Tag keys starting with "${RESERVED_TAG_PREFIX}" are reserved for provision's own tags.`,
      );
    }
    if (key.length === 0 || key.length > rules.maxKeyLength || !rules.keyPattern.test(key)) {
      fail(
        id,
        `tags.${key}`,
        `Tag key "${key}" is not allowed: at most ${rules.maxKeyLength} characters matching ${rules.keyPattern}.`,
      );
    }
    if (typeof value !== 'string') fail(id, `tags.${key}`, `Tag "${key}" must have a string value.`);
    if (value.length > rules.maxValueLength || !rules.valuePattern.test(value)) {
      fail(
        id,
        `tags.${key}`,
        `The value of tag "${key}" is not allowed: at most ${rules.maxValueLength} characters matching ${rules.valuePattern}.`,
      );
    }
  }
  return tags;
}
function defaultPlanFor(manifest, region) {
  const preferred = manifest.catalog.plans.find((plan) => plan.id === manifest.defaults.plan);
  if (preferred?.regions === void 0 || preferred.regions.includes(region)) return manifest.defaults.plan;
  return cheapestPlan(manifest.catalog.plans, { region })?.id ?? manifest.defaults.plan;
}
function validateHostSpec(manifest, spec) {
  const id = manifest.id;
  if (!isPlainObject(spec)) fail(id, 'spec', 'The host spec must be an object with at least a name.');
  const known = /* @__PURE__ */ new Set([
    'name',
    'region',
    'plan',
    'os',
    'userData',
    'tags',
    'inbound',
    'owner',
    'ttl',
    'options',
  ]);
  const unknown = Object.keys(spec).filter((key) => !known.has(key));
  if (unknown.length > 0) fail(id, unknown[0], `Unknown host spec field(s): ${unknown.join(', ')}.`);
  const s = spec;
  const nameRule = manifest.limits.name ?? DEFAULT_NAME_RULE;
  if (typeof s.name !== 'string' || s.name.length === 0) fail(id, 'name', 'name is required.');
  if (s.name.length > nameRule.maxLength || !nameRule.pattern.test(s.name)) {
    fail(id, 'name', `name "${s.name}" is not allowed: ${nameRule.description}.`);
  }
  const owner = s.owner ?? DEFAULT_OWNER;
  if (typeof owner !== 'string' || !OWNER_PATTERN.test(owner)) {
    fail(id, 'owner', 'owner must be lowercase letters, digits and "-", at most 32 characters.');
  }
  const ids = { provider: id, displayName: manifest.displayName };
  const region = checkId(
    { ...ids, field: 'region', rule: manifest.limits.ids?.region },
    s.region ?? manifest.defaults.region,
  );
  const regions = manifest.catalog.regions;
  if (regions.length > 0 && !regions.some((r) => r.id === region)) {
    fail(
      id,
      'region',
      `Unknown ${manifest.displayName} region "${region}".`,
      `Known regions: ${regions.map((r) => r.id).join(', ')}.`,
    );
  }
  const plan = checkId(
    { ...ids, field: 'plan', rule: manifest.limits.ids?.plan },
    s.plan ?? defaultPlanFor(manifest, region),
  );
  const os = s.os ?? manifest.defaults.os;
  const image = typeof os === 'string' ? manifest.catalog.images[os] : void 0;
  if (image === void 0) {
    throw new UnsupportedError(`The OS "${String(os)}" is not supported on ${manifest.displayName}.`, {
      provider: id,
      operation: 'provision',
      hint: `Supported: ${Object.keys(manifest.catalog.images).join(', ')}.`,
    });
  }
  if (s.userData !== void 0) {
    if (typeof s.userData !== 'string')
      fail(id, 'userData', 'userData must be a string (a shell script or #cloud-config).');
    const bytes = Buffer.byteLength(s.userData, 'utf8');
    if (bytes > manifest.limits.userDataBytes) {
      fail(
        id,
        'userData',
        `userData is ${bytes} bytes; ${manifest.displayName} accepts at most ${manifest.limits.userDataBytes}.`,
        'Move large files to a download the script fetches.',
      );
    }
    if (s.userData.includes('\0')) fail(id, 'userData', 'userData contains a NUL byte; it must be text.');
    if (/\p{Surrogate}/u.test(s.userData))
      fail(
        id,
        'userData',
        'userData is not valid Unicode text (it holds a lone surrogate); it cannot be sent unchanged.',
      );
  }
  if (
    s.ttl !== void 0 &&
    (typeof s.ttl !== 'number' || !Number.isInteger(s.ttl) || s.ttl <= 0 || s.ttl > MAX_TTL_MS)
  ) {
    fail(id, 'ttl', 'ttl must be a positive whole number of milliseconds, at most 10 years.');
  }
  let options = {};
  if (s.options !== void 0) {
    if (manifest.hostOptions === void 0)
      fail(id, 'options', `${manifest.displayName} takes no host options.`);
    const parsed = manifest.hostOptions.safeParse(s.options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(
        id,
        `options.${issue?.path.join('.') ?? ''}`,
        `options are invalid: ${issue?.message ?? 'unknown problem'}.`,
      );
    }
    options = parsed.data;
  }
  const resolved = {
    name: s.name,
    owner,
    region,
    plan,
    os,
    image,
    userData: s.userData,
    tags: checkTags(manifest, s.tags),
    inbound: checkInbound(manifest, s.inbound),
    ttlMs: s.ttl,
    options,
  };
  checkStoredTags(manifest, resolved);
  return resolved;
}
var DEFAULT_NAME_RULE, OWNER_PATTERN, MAX_TTL_MS;
var init_validate_host_spec = __esm({
  '../../work/wt/cold-start/packages/core/dist/validate-host-spec.js'() {
    init_cheapest_plan();
    init_errors();
    init_id_rules();
    init_stored_tags();
    init_tags();
    DEFAULT_NAME_RULE = {
      pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
      maxLength: 63,
      description:
        'lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
    };
    OWNER_PATTERN = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;
    MAX_TTL_MS = 10 * 365 * 24 * 36e5;
  },
});

// ../../work/wt/cold-start/packages/core/dist/plugin/check-list-filter.js
function checkListFilter(manifest, filter) {
  const provider = manifest.id;
  const fail2 = (field, message, hint) => {
    throw new InvalidRequestError(message, { provider, operation: 'list', field, hint });
  };
  if (filter === void 0) return void 0;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter))
    fail2('filter', 'The list filter must be an object { owner?, region?, tags? }.');
  const { region, owner, tags, ...rest } = filter;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) fail2(unknown[0], `Unknown list filter field(s): ${unknown.join(', ')}.`);
  if (region !== void 0) {
    const rule = manifest.limits.ids?.region;
    if (
      typeof region !== 'string' ||
      !DEFAULT_ID_RULE.pattern.test(region) ||
      (rule !== void 0 && !rule.pattern.test(region))
    )
      fail2('region', `region ${shown(region)} is not a ${manifest.displayName} region id.`);
    const regions = manifest.catalog.regions;
    if (regions.length > 0 && !regions.some((known) => known.id === region)) {
      fail2(
        'region',
        `Unknown ${manifest.displayName} region ${shown(region)}.`,
        `Known regions: ${regions.map((known) => known.id).join(', ')}.`,
      );
    }
  }
  if (owner !== void 0 && (typeof owner !== 'string' || !OWNER_PATTERN.test(owner)))
    fail2('owner', 'owner must be lowercase letters, digits and "-", at most 32 characters.');
  if (tags !== void 0) {
    if (typeof tags !== 'object' || tags === null || Array.isArray(tags))
      fail2('tags', 'tags must be an object of string keys to string values.');
    for (const [key, value] of Object.entries(tags))
      if (typeof value !== 'string') fail2(`tags.${key}`, `Tag "${key}" must have a string value.`);
  }
  return filter;
}
var init_check_list_filter = __esm({
  '../../work/wt/cold-start/packages/core/dist/plugin/check-list-filter.js'() {
    init_errors();
    init_id_rules();
    init_validate_host_spec();
  },
});

// ../../work/wt/cold-start/packages/core/dist/plugin/logger.js
var silentLogger;
var init_logger = __esm({
  '../../work/wt/cold-start/packages/core/dist/plugin/logger.js'() {
    silentLogger = { debug() {}, warn() {} };
  },
});

// ../../work/wt/cold-start/packages/core/dist/plugin/non-public-ipv4.js
function nonPublicRange(ip) {
  const value = ip.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  for (const [first, second, prefix, what] of NON_PUBLIC) {
    const base = first * 2 ** 24 + second * 2 ** 16;
    const size = 2 ** (32 - prefix);
    if (value >= base && value < base + size) return what;
  }
  return void 0;
}
var NON_PUBLIC;
var init_non_public_ipv4 = __esm({
  '../../work/wt/cold-start/packages/core/dist/plugin/non-public-ipv4.js'() {
    NON_PUBLIC = [
      [0, 0, 8, '"this network" (0.0.0.0/8)'],
      [10, 0, 8, 'a private address (10.0.0.0/8)'],
      [100, 64, 10, 'a carrier-grade NAT address (100.64.0.0/10)'],
      [127, 0, 8, 'a loopback address (127.0.0.0/8)'],
      [169, 254, 16, 'a link-local address (169.254.0.0/16)'],
      [172, 16, 12, 'a private address (172.16.0.0/12)'],
      [192, 0, 24, 'an IETF protocol address (192.0.0.0/24)'],
      [192, 168, 16, 'a private address (192.168.0.0/16)'],
      [198, 18, 15, 'a benchmarking address (198.18.0.0/15)'],
      [224, 0, 4, 'a multicast address (224.0.0.0/4)'],
      [240, 0, 4, 'a reserved address (240.0.0.0/4)'],
    ];
  },
});

// ../../work/wt/cold-start/packages/core/dist/plugin/create-provisioner.js
function checkId2(provider, operation, id) {
  if (typeof id !== 'string' || id.trim().length === 0 || id.length > 1024) {
    throw new InvalidRequestError('A host id is required: the `id` a provision or list call returned.', {
      provider,
      operation,
      field: 'id',
    });
  }
  return id;
}
function parseSettings(manifest, settings) {
  const parsed = manifest.settings.safeParse(settings ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'settings';
  throw new InvalidRequestError(
    `Invalid ${manifest.displayName} setting "${field}": ${issue?.message ?? 'unknown problem'}.`,
    {
      provider: manifest.id,
      operation: 'settings',
      field,
    },
  );
}
function createProvisioner(manifest, settings, options = {}) {
  const parsed = parseSettings(manifest, settings);
  const provider = manifest.id;
  const context = {
    manifest,
    env: options.env ?? process.env,
    logger: options.logger ?? silentLogger,
  };
  let implementation;
  const load = () => {
    implementation ??= manifest.load().then((module) => module.createProvisioner(parsed, context));
    implementation.catch(() => {
      implementation = void 0;
    });
    return implementation;
  };
  const provisioner = {
    specificationVersion: 'v1',
    provider,
    async provision(spec, callOptions) {
      const resolved = validateHostSpec(manifest, spec);
      return (await load()).provision(resolved, callOptions);
    },
    async status(id, callOptions) {
      checkId2(provider, 'status', id);
      return (await load()).status(id, callOptions);
    },
    async delete(ref, callOptions) {
      const value = ref;
      if (value !== null && typeof value === 'object' && 'ip' in value && 'id' in value) {
        throw new InvalidRequestError('delete() takes either { id } or { ip }, not both.', {
          provider,
          operation: 'delete',
          field: 'ref',
        });
      }
      if (value !== void 0 && typeof value === 'object' && 'ip' in value) {
        if (typeof value.ip !== 'string' || !IPV4.test(value.ip)) {
          throw new InvalidRequestError('delete({ ip }) needs a public IPv4 address like 203.0.113.7.', {
            provider,
            operation: 'delete',
            field: 'ip',
          });
        }
        const reserved = nonPublicRange(value.ip);
        if (reserved !== void 0) {
          throw new InvalidRequestError(
            `delete({ ip }) needs a host's public IPv4 address; ${value.ip} is ${reserved}, which no managed host has as its public address.`,
            {
              provider,
              operation: 'delete',
              field: 'ip',
              hint: 'Use the id, or the ipv4 that status() or list() reports.',
            },
          );
        }
        if (!manifest.capabilities.deleteByIp) {
          throw new UnsupportedError(
            `${manifest.displayName} hosts cannot be deleted by IP with this plugin; use the id.`,
            { provider, operation: 'delete' },
          );
        }
        return (await load()).delete({ ip: value.ip }, callOptions);
      }
      const id = checkId2(provider, 'delete', value?.id);
      return (await load()).delete({ id }, callOptions);
    },
  };
  for (const capability of OPTIONAL_CAPABILITIES) {
    if (!manifest.capabilities[capability]) continue;
    for (const name of CAPABILITY_METHODS[capability]) {
      const call = async (...args2) => {
        if (name === 'start' || name === 'stop' || name === 'reboot') checkId2(provider, name, args2[0]);
        if (name === 'list') checkListFilter(manifest, args2[0]);
        const impl = await load();
        const method = impl[name];
        if (method === void 0) {
          throw new UnsupportedError(
            `${manifest.displayName} declares ${capability} but its implementation lacks ${name}().`,
            {
              provider,
              operation: capability,
            },
          );
        }
        return method.apply(impl, args2);
      };
      provisioner[name] = call;
    }
  }
  return Object.freeze(provisioner);
}
var IPV4;
var init_create_provisioner = __esm({
  '../../work/wt/cold-start/packages/core/dist/plugin/create-provisioner.js'() {
    init_errors();
    init_provisioner_v1();
    init_validate_host_spec();
    init_check_list_filter();
    init_logger();
    init_non_public_ipv4();
    IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  },
});

// ../../work/wt/cold-start/packages/core/dist/plugin/registry.js
function state() {
  const holder = globalThis;
  holder[KEY] ??= { plugins: /* @__PURE__ */ new Map(), conflicts: [] };
  return holder[KEY];
}
function origin(manifest) {
  return `${manifest.packageName}@${manifest.version}`;
}
function registerPlugin(manifest) {
  const { plugins, conflicts } = state();
  const existing = plugins.get(manifest.id);
  if (existing === void 0) {
    plugins.set(manifest.id, manifest);
    return true;
  }
  if (existing === manifest || origin(existing) === origin(manifest)) return true;
  conflicts.push({ id: manifest.id, kept: origin(existing), rejected: origin(manifest) });
  return false;
}
function getPlugin(id) {
  return state().plugins.get(id);
}
function listPlugins() {
  return [...state().plugins.values()].sort((a, b) => a.id.localeCompare(b.id));
}
function registryConflicts() {
  return [...state().conflicts];
}
var KEY;
var init_registry = __esm({
  '../../work/wt/cold-start/packages/core/dist/plugin/registry.js'() {
    KEY = /* @__PURE__ */ Symbol.for('provision.registry.v1');
  },
});

// ../../work/wt/cold-start/packages/core/dist/sleep.js
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
var init_sleep = __esm({
  '../../work/wt/cold-start/packages/core/dist/sleep.js'() {},
});

// ../../work/wt/cold-start/packages/core/dist/spec/v1/host-status.js
var HOST_STATUSES;
var init_host_status = __esm({
  '../../work/wt/cold-start/packages/core/dist/spec/v1/host-status.js'() {
    HOST_STATUSES = ['provisioning', 'active', 'stopping', 'stopped', 'starting', 'deleting', 'error'];
  },
});

// ../../work/wt/cold-start/packages/core/dist/spec/v1/index.js
var init_v1 = __esm({
  '../../work/wt/cold-start/packages/core/dist/spec/v1/index.js'() {
    init_host_status();
    init_provisioner_v1();
  },
});

// ../../work/wt/cold-start/packages/core/dist/wait-for-host.js
async function waitForHost(provisioner, id, options = {}) {
  const until = options.until ?? 'active';
  const timeout = options.timeout ?? 10 * 6e4;
  const maxInterval = options.maxInterval ?? 15e3;
  const backoff = options.backoff ?? 1.5;
  const maxErrors = options.maxConsecutiveErrors ?? 5;
  const started = Date.now();
  const deadline = started + timeout;
  let interval = options.interval ?? 2e3;
  let attempt = 0;
  let errorsInRow = 0;
  let last;
  const base = { provider: provisioner.provider, operation: 'wait' };
  for (;;) {
    if (options.signal?.aborted) throw options.signal.reason;
    attempt++;
    let waitMs = interval;
    try {
      last = await provisioner.status(id, options.signal ? { signal: options.signal } : {});
      errorsInRow = 0;
      options.onProgress?.({ host: last, elapsedMs: Date.now() - started, attempt });
      if (last.status === until) return last;
      if (last.status === 'error') {
        throw new ProvisionError(
          'host_failed',
          `Host ${id} failed: ${last.error ?? last.nativeStatus}.`,
          false,
          {
            ...base,
            hint: 'Delete it and try another region or plan.',
          },
        );
      }
    } catch (error) {
      if (!(ProvisionError.isInstance(error) && error.retryable && error.code !== 'host_failed')) throw error;
      if (++errorsInRow > maxErrors) throw error;
      const retryAfter = error.retryAfterMs;
      if (retryAfter !== void 0) waitMs = Math.max(waitMs, retryAfter);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new WaitTimeoutError(
        `Host ${id} did not become ${until} within ${Math.round(timeout / 1e3)} s (last status: ${last?.status ?? 'unknown'}).`,
        {
          ...base,
          lastStatus: last?.status,
          hint: 'Wait longer (a larger timeout) or check the cloud console.',
        },
      );
    }
    await sleep(Math.min(waitMs, remaining), options.signal);
    interval = Math.min(interval * backoff, maxInterval);
  }
}
var init_wait_for_host = __esm({
  '../../work/wt/cold-start/packages/core/dist/wait-for-host.js'() {
    init_errors();
    init_provision_error();
    init_sleep();
  },
});

// ../../work/wt/cold-start/packages/core/dist/index.js
var init_dist = __esm({
  '../../work/wt/cold-start/packages/core/dist/index.js'() {
    init_cheapest_plan();
    init_errors();
    init_provision_error();
    init_create_provisioner();
    init_registry();
    init_sleep();
    init_v1();
    init_tags();
    init_validate_host_spec();
    init_wait_for_host();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/usage-error.js
var UsageError;
var init_usage_error = __esm({
  '../../work/wt/cold-start/packages/cli/dist/usage-error.js'() {
    UsageError = class extends Error {
      /** One sentence on what to do instead. */
      hint;
      constructor(message, hint) {
        super(message);
        this.name = 'UsageError';
        this.hint = hint;
      }
    };
  },
});

// ../../work/wt/cold-start/packages/cli/dist/parse/host-reference.js
function formatHostReference(provider, id) {
  return `${provider}:${id}`;
}
function parseHostReference(text, providerOption) {
  const value = text.trim();
  if (value.length === 0) throw new UsageError('A host id is required.');
  const match = PROVIDER_PREFIX.exec(value);
  if (providerOption !== void 0) {
    if (match?.[1] === providerOption) return { provider: providerOption, id: match[2] };
    return { provider: providerOption, id: value };
  }
  if (match === null) {
    throw new UsageError(
      `Cannot tell which provider host "${value}" is on.`,
      'Give the id as create and list print it (<provider>:<id>), or add --provider <id>.',
    );
  }
  return { provider: match[1], id: match[2] };
}
var PROVIDER_PREFIX;
var init_host_reference = __esm({
  '../../work/wt/cold-start/packages/cli/dist/parse/host-reference.js'() {
    init_usage_error();
    PROVIDER_PREFIX = /^([a-z][a-z0-9-]{0,39}):(.+)$/s;
  },
});

// ../../work/wt/cold-start/packages/cli/dist/parse/ports.js
function port(text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new UsageError(`${text} is not a port (ports are 1 to 65535).`);
  }
  return value;
}
function parsePortRule(text) {
  const match = PORT_RULE.exec(text.trim());
  if (match === null) {
    throw new UsageError(
      `"${text}" is not a port rule.`,
      'Write a port (80), a range (8000-9000), optionally with /tcp or /udp (53/udp).',
    );
  }
  const from = port(match[1]);
  const to = match[2] === void 0 ? from : port(match[2]);
  if (to < from) throw new UsageError(`The range ${text} ends before it starts.`);
  const protocol = match[3]?.toLowerCase() ?? 'tcp';
  return { from, to, protocol };
}
function collectPortRule(text, previous = []) {
  return [...previous, parsePortRule(text)];
}
function formatPortRule(rule) {
  const to = rule.to ?? rule.from;
  return `${rule.from}${to === rule.from ? '' : `-${to}`}/${rule.protocol ?? 'tcp'}`;
}
var PORT_RULE;
var init_ports = __esm({
  '../../work/wt/cold-start/packages/cli/dist/parse/ports.js'() {
    init_usage_error();
    PORT_RULE = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp))?$/i;
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/src/debug.js
var require_debug = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/src/debug.js'(
    exports,
    module,
  ) {
    var messages = [];
    var level = 0;
    var debug = (msg, min) => {
      if (level >= min) {
        messages.push(msg);
      }
    };
    debug.WARN = 1;
    debug.INFO = 2;
    debug.DEBUG = 3;
    debug.reset = () => {
      messages = [];
    };
    debug.setDebugLevel = (v) => {
      level = v;
    };
    debug.warn = (msg) => debug(msg, debug.WARN);
    debug.info = (msg) => debug(msg, debug.INFO);
    debug.debug = (msg) => debug(msg, debug.DEBUG);
    debug.debugMessages = () => messages;
    module.exports = debug;
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/ansi-regex@5.0.1/node_modules/ansi-regex/index.js
var require_ansi_regex = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/ansi-regex@5.0.1/node_modules/ansi-regex/index.js'(
    exports,
    module,
  ) {
    module.exports = ({ onlyFirst = false } = {}) => {
      const pattern = [
        '[\\u001B\\u009B][[\\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]+)*|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]*)*)?\\u0007)',
        '(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))',
      ].join('|');
      return new RegExp(pattern, onlyFirst ? void 0 : 'g');
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/strip-ansi@6.0.1/node_modules/strip-ansi/index.js
var require_strip_ansi = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/strip-ansi@6.0.1/node_modules/strip-ansi/index.js'(
    exports,
    module,
  ) {
    var ansiRegex = require_ansi_regex();
    module.exports = (string) => (typeof string === 'string' ? string.replace(ansiRegex(), '') : string);
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/is-fullwidth-code-point@3.0.0/node_modules/is-fullwidth-code-point/index.js
var require_is_fullwidth_code_point = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/is-fullwidth-code-point@3.0.0/node_modules/is-fullwidth-code-point/index.js'(
    exports,
    module,
  ) {
    var isFullwidthCodePoint = (codePoint) => {
      if (Number.isNaN(codePoint)) {
        return false;
      }
      if (
        codePoint >= 4352 &&
        (codePoint <= 4447 || // Hangul Jamo
          codePoint === 9001 || // LEFT-POINTING ANGLE BRACKET
          codePoint === 9002 || // RIGHT-POINTING ANGLE BRACKET
          // CJK Radicals Supplement .. Enclosed CJK Letters and Months
          (11904 <= codePoint && codePoint <= 12871 && codePoint !== 12351) || // Enclosed CJK Letters and Months .. CJK Unified Ideographs Extension A
          (12880 <= codePoint && codePoint <= 19903) || // CJK Unified Ideographs .. Yi Radicals
          (19968 <= codePoint && codePoint <= 42182) || // Hangul Jamo Extended-A
          (43360 <= codePoint && codePoint <= 43388) || // Hangul Syllables
          (44032 <= codePoint && codePoint <= 55203) || // CJK Compatibility Ideographs
          (63744 <= codePoint && codePoint <= 64255) || // Vertical Forms
          (65040 <= codePoint && codePoint <= 65049) || // CJK Compatibility Forms .. Small Form Variants
          (65072 <= codePoint && codePoint <= 65131) || // Halfwidth and Fullwidth Forms
          (65281 <= codePoint && codePoint <= 65376) ||
          (65504 <= codePoint && codePoint <= 65510) || // Kana Supplement
          (110592 <= codePoint && codePoint <= 110593) || // Enclosed Ideographic Supplement
          (127488 <= codePoint && codePoint <= 127569) || // CJK Unified Ideographs Extension B .. Tertiary Ideographic Plane
          (131072 <= codePoint && codePoint <= 262141))
      ) {
        return true;
      }
      return false;
    };
    module.exports = isFullwidthCodePoint;
    module.exports.default = isFullwidthCodePoint;
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/emoji-regex@8.0.0/node_modules/emoji-regex/index.js
var require_emoji_regex = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/emoji-regex@8.0.0/node_modules/emoji-regex/index.js'(
    exports,
    module,
  ) {
    module.exports = () =>
      /\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62(?:\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67|\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74|\uDB40\uDC77\uDB40\uDC6C\uDB40\uDC73)\uDB40\uDC7F|\uD83D\uDC68(?:\uD83C\uDFFC\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68\uD83C\uDFFB|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFF\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB-\uDFFE])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFE\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB-\uDFFD])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFD\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB\uDFFC])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\u200D(?:\u2764\uFE0F\u200D(?:\uD83D\uDC8B\u200D)?\uD83D\uDC68|(?:\uD83D[\uDC68\uDC69])\u200D(?:\uD83D\uDC66\u200D\uD83D\uDC66|\uD83D\uDC67\u200D(?:\uD83D[\uDC66\uDC67]))|\uD83D\uDC66\u200D\uD83D\uDC66|\uD83D\uDC67\u200D(?:\uD83D[\uDC66\uDC67])|(?:\uD83D[\uDC68\uDC69])\u200D(?:\uD83D[\uDC66\uDC67])|[\u2695\u2696\u2708]\uFE0F|\uD83D[\uDC66\uDC67]|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|(?:\uD83C\uDFFB\u200D[\u2695\u2696\u2708]|\uD83C\uDFFF\u200D[\u2695\u2696\u2708]|\uD83C\uDFFE\u200D[\u2695\u2696\u2708]|\uD83C\uDFFD\u200D[\u2695\u2696\u2708]|\uD83C\uDFFC\u200D[\u2695\u2696\u2708])\uFE0F|\uD83C\uDFFB\u200D(?:\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C[\uDFFB-\uDFFF])|(?:\uD83E\uDDD1\uD83C\uDFFB\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1|\uD83D\uDC69\uD83C\uDFFC\u200D\uD83E\uDD1D\u200D\uD83D\uDC69)\uD83C\uDFFB|\uD83E\uDDD1(?:\uD83C\uDFFF\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1(?:\uD83C[\uDFFB-\uDFFF])|\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1)|(?:\uD83E\uDDD1\uD83C\uDFFE\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1|\uD83D\uDC69\uD83C\uDFFF\u200D\uD83E\uDD1D\u200D(?:\uD83D[\uDC68\uDC69]))(?:\uD83C[\uDFFB-\uDFFE])|(?:\uD83E\uDDD1\uD83C\uDFFC\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1|\uD83D\uDC69\uD83C\uDFFD\u200D\uD83E\uDD1D\u200D\uD83D\uDC69)(?:\uD83C[\uDFFB\uDFFC])|\uD83D\uDC69(?:\uD83C\uDFFE\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB-\uDFFD\uDFFF])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFC\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB\uDFFD-\uDFFF])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFB\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFC-\uDFFF])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFD\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB\uDFFC\uDFFE\uDFFF])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\u200D(?:\u2764\uFE0F\u200D(?:\uD83D\uDC8B\u200D(?:\uD83D[\uDC68\uDC69])|\uD83D[\uDC68\uDC69])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFF\u200D(?:\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD]))|\uD83D\uDC69\u200D\uD83D\uDC69\u200D(?:\uD83D\uDC66\u200D\uD83D\uDC66|\uD83D\uDC67\u200D(?:\uD83D[\uDC66\uDC67]))|(?:\uD83E\uDDD1\uD83C\uDFFD\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1|\uD83D\uDC69\uD83C\uDFFE\u200D\uD83E\uDD1D\u200D\uD83D\uDC69)(?:\uD83C[\uDFFB-\uDFFD])|\uD83D\uDC69\u200D\uD83D\uDC66\u200D\uD83D\uDC66|\uD83D\uDC69\u200D\uD83D\uDC69\u200D(?:\uD83D[\uDC66\uDC67])|(?:\uD83D\uDC41\uFE0F\u200D\uD83D\uDDE8|\uD83D\uDC69(?:\uD83C\uDFFF\u200D[\u2695\u2696\u2708]|\uD83C\uDFFE\u200D[\u2695\u2696\u2708]|\uD83C\uDFFC\u200D[\u2695\u2696\u2708]|\uD83C\uDFFB\u200D[\u2695\u2696\u2708]|\uD83C\uDFFD\u200D[\u2695\u2696\u2708]|\u200D[\u2695\u2696\u2708])|(?:(?:\u26F9|\uD83C[\uDFCB\uDFCC]|\uD83D\uDD75)\uFE0F|\uD83D\uDC6F|\uD83E[\uDD3C\uDDDE\uDDDF])\u200D[\u2640\u2642]|(?:\u26F9|\uD83C[\uDFCB\uDFCC]|\uD83D\uDD75)(?:\uD83C[\uDFFB-\uDFFF])\u200D[\u2640\u2642]|(?:\uD83C[\uDFC3\uDFC4\uDFCA]|\uD83D[\uDC6E\uDC71\uDC73\uDC77\uDC81\uDC82\uDC86\uDC87\uDE45-\uDE47\uDE4B\uDE4D\uDE4E\uDEA3\uDEB4-\uDEB6]|\uD83E[\uDD26\uDD37-\uDD39\uDD3D\uDD3E\uDDB8\uDDB9\uDDCD-\uDDCF\uDDD6-\uDDDD])(?:(?:\uD83C[\uDFFB-\uDFFF])\u200D[\u2640\u2642]|\u200D[\u2640\u2642])|\uD83C\uDFF4\u200D\u2620)\uFE0F|\uD83D\uDC69\u200D\uD83D\uDC67\u200D(?:\uD83D[\uDC66\uDC67])|\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08|\uD83D\uDC15\u200D\uD83E\uDDBA|\uD83D\uDC69\u200D\uD83D\uDC66|\uD83D\uDC69\u200D\uD83D\uDC67|\uD83C\uDDFD\uD83C\uDDF0|\uD83C\uDDF4\uD83C\uDDF2|\uD83C\uDDF6\uD83C\uDDE6|[#*0-9]\uFE0F\u20E3|\uD83C\uDDE7(?:\uD83C[\uDDE6\uDDE7\uDDE9-\uDDEF\uDDF1-\uDDF4\uDDF6-\uDDF9\uDDFB\uDDFC\uDDFE\uDDFF])|\uD83C\uDDF9(?:\uD83C[\uDDE6\uDDE8\uDDE9\uDDEB-\uDDED\uDDEF-\uDDF4\uDDF7\uDDF9\uDDFB\uDDFC\uDDFF])|\uD83C\uDDEA(?:\uD83C[\uDDE6\uDDE8\uDDEA\uDDEC\uDDED\uDDF7-\uDDFA])|\uD83E\uDDD1(?:\uD83C[\uDFFB-\uDFFF])|\uD83C\uDDF7(?:\uD83C[\uDDEA\uDDF4\uDDF8\uDDFA\uDDFC])|\uD83D\uDC69(?:\uD83C[\uDFFB-\uDFFF])|\uD83C\uDDF2(?:\uD83C[\uDDE6\uDDE8-\uDDED\uDDF0-\uDDFF])|\uD83C\uDDE6(?:\uD83C[\uDDE8-\uDDEC\uDDEE\uDDF1\uDDF2\uDDF4\uDDF6-\uDDFA\uDDFC\uDDFD\uDDFF])|\uD83C\uDDF0(?:\uD83C[\uDDEA\uDDEC-\uDDEE\uDDF2\uDDF3\uDDF5\uDDF7\uDDFC\uDDFE\uDDFF])|\uD83C\uDDED(?:\uD83C[\uDDF0\uDDF2\uDDF3\uDDF7\uDDF9\uDDFA])|\uD83C\uDDE9(?:\uD83C[\uDDEA\uDDEC\uDDEF\uDDF0\uDDF2\uDDF4\uDDFF])|\uD83C\uDDFE(?:\uD83C[\uDDEA\uDDF9])|\uD83C\uDDEC(?:\uD83C[\uDDE6\uDDE7\uDDE9-\uDDEE\uDDF1-\uDDF3\uDDF5-\uDDFA\uDDFC\uDDFE])|\uD83C\uDDF8(?:\uD83C[\uDDE6-\uDDEA\uDDEC-\uDDF4\uDDF7-\uDDF9\uDDFB\uDDFD-\uDDFF])|\uD83C\uDDEB(?:\uD83C[\uDDEE-\uDDF0\uDDF2\uDDF4\uDDF7])|\uD83C\uDDF5(?:\uD83C[\uDDE6\uDDEA-\uDDED\uDDF0-\uDDF3\uDDF7-\uDDF9\uDDFC\uDDFE])|\uD83C\uDDFB(?:\uD83C[\uDDE6\uDDE8\uDDEA\uDDEC\uDDEE\uDDF3\uDDFA])|\uD83C\uDDF3(?:\uD83C[\uDDE6\uDDE8\uDDEA-\uDDEC\uDDEE\uDDF1\uDDF4\uDDF5\uDDF7\uDDFA\uDDFF])|\uD83C\uDDE8(?:\uD83C[\uDDE6\uDDE8\uDDE9\uDDEB-\uDDEE\uDDF0-\uDDF5\uDDF7\uDDFA-\uDDFF])|\uD83C\uDDF1(?:\uD83C[\uDDE6-\uDDE8\uDDEE\uDDF0\uDDF7-\uDDFB\uDDFE])|\uD83C\uDDFF(?:\uD83C[\uDDE6\uDDF2\uDDFC])|\uD83C\uDDFC(?:\uD83C[\uDDEB\uDDF8])|\uD83C\uDDFA(?:\uD83C[\uDDE6\uDDEC\uDDF2\uDDF3\uDDF8\uDDFE\uDDFF])|\uD83C\uDDEE(?:\uD83C[\uDDE8-\uDDEA\uDDF1-\uDDF4\uDDF6-\uDDF9])|\uD83C\uDDEF(?:\uD83C[\uDDEA\uDDF2\uDDF4\uDDF5])|(?:\uD83C[\uDFC3\uDFC4\uDFCA]|\uD83D[\uDC6E\uDC71\uDC73\uDC77\uDC81\uDC82\uDC86\uDC87\uDE45-\uDE47\uDE4B\uDE4D\uDE4E\uDEA3\uDEB4-\uDEB6]|\uD83E[\uDD26\uDD37-\uDD39\uDD3D\uDD3E\uDDB8\uDDB9\uDDCD-\uDDCF\uDDD6-\uDDDD])(?:\uD83C[\uDFFB-\uDFFF])|(?:\u26F9|\uD83C[\uDFCB\uDFCC]|\uD83D\uDD75)(?:\uD83C[\uDFFB-\uDFFF])|(?:[\u261D\u270A-\u270D]|\uD83C[\uDF85\uDFC2\uDFC7]|\uD83D[\uDC42\uDC43\uDC46-\uDC50\uDC66\uDC67\uDC6B-\uDC6D\uDC70\uDC72\uDC74-\uDC76\uDC78\uDC7C\uDC83\uDC85\uDCAA\uDD74\uDD7A\uDD90\uDD95\uDD96\uDE4C\uDE4F\uDEC0\uDECC]|\uD83E[\uDD0F\uDD18-\uDD1C\uDD1E\uDD1F\uDD30-\uDD36\uDDB5\uDDB6\uDDBB\uDDD2-\uDDD5])(?:\uD83C[\uDFFB-\uDFFF])|(?:[\u231A\u231B\u23E9-\u23EC\u23F0\u23F3\u25FD\u25FE\u2614\u2615\u2648-\u2653\u267F\u2693\u26A1\u26AA\u26AB\u26BD\u26BE\u26C4\u26C5\u26CE\u26D4\u26EA\u26F2\u26F3\u26F5\u26FA\u26FD\u2705\u270A\u270B\u2728\u274C\u274E\u2753-\u2755\u2757\u2795-\u2797\u27B0\u27BF\u2B1B\u2B1C\u2B50\u2B55]|\uD83C[\uDC04\uDCCF\uDD8E\uDD91-\uDD9A\uDDE6-\uDDFF\uDE01\uDE1A\uDE2F\uDE32-\uDE36\uDE38-\uDE3A\uDE50\uDE51\uDF00-\uDF20\uDF2D-\uDF35\uDF37-\uDF7C\uDF7E-\uDF93\uDFA0-\uDFCA\uDFCF-\uDFD3\uDFE0-\uDFF0\uDFF4\uDFF8-\uDFFF]|\uD83D[\uDC00-\uDC3E\uDC40\uDC42-\uDCFC\uDCFF-\uDD3D\uDD4B-\uDD4E\uDD50-\uDD67\uDD7A\uDD95\uDD96\uDDA4\uDDFB-\uDE4F\uDE80-\uDEC5\uDECC\uDED0-\uDED2\uDED5\uDEEB\uDEEC\uDEF4-\uDEFA\uDFE0-\uDFEB]|\uD83E[\uDD0D-\uDD3A\uDD3C-\uDD45\uDD47-\uDD71\uDD73-\uDD76\uDD7A-\uDDA2\uDDA5-\uDDAA\uDDAE-\uDDCA\uDDCD-\uDDFF\uDE70-\uDE73\uDE78-\uDE7A\uDE80-\uDE82\uDE90-\uDE95])|(?:[#*0-9\xA9\xAE\u203C\u2049\u2122\u2139\u2194-\u2199\u21A9\u21AA\u231A\u231B\u2328\u23CF\u23E9-\u23F3\u23F8-\u23FA\u24C2\u25AA\u25AB\u25B6\u25C0\u25FB-\u25FE\u2600-\u2604\u260E\u2611\u2614\u2615\u2618\u261D\u2620\u2622\u2623\u2626\u262A\u262E\u262F\u2638-\u263A\u2640\u2642\u2648-\u2653\u265F\u2660\u2663\u2665\u2666\u2668\u267B\u267E\u267F\u2692-\u2697\u2699\u269B\u269C\u26A0\u26A1\u26AA\u26AB\u26B0\u26B1\u26BD\u26BE\u26C4\u26C5\u26C8\u26CE\u26CF\u26D1\u26D3\u26D4\u26E9\u26EA\u26F0-\u26F5\u26F7-\u26FA\u26FD\u2702\u2705\u2708-\u270D\u270F\u2712\u2714\u2716\u271D\u2721\u2728\u2733\u2734\u2744\u2747\u274C\u274E\u2753-\u2755\u2757\u2763\u2764\u2795-\u2797\u27A1\u27B0\u27BF\u2934\u2935\u2B05-\u2B07\u2B1B\u2B1C\u2B50\u2B55\u3030\u303D\u3297\u3299]|\uD83C[\uDC04\uDCCF\uDD70\uDD71\uDD7E\uDD7F\uDD8E\uDD91-\uDD9A\uDDE6-\uDDFF\uDE01\uDE02\uDE1A\uDE2F\uDE32-\uDE3A\uDE50\uDE51\uDF00-\uDF21\uDF24-\uDF93\uDF96\uDF97\uDF99-\uDF9B\uDF9E-\uDFF0\uDFF3-\uDFF5\uDFF7-\uDFFF]|\uD83D[\uDC00-\uDCFD\uDCFF-\uDD3D\uDD49-\uDD4E\uDD50-\uDD67\uDD6F\uDD70\uDD73-\uDD7A\uDD87\uDD8A-\uDD8D\uDD90\uDD95\uDD96\uDDA4\uDDA5\uDDA8\uDDB1\uDDB2\uDDBC\uDDC2-\uDDC4\uDDD1-\uDDD3\uDDDC-\uDDDE\uDDE1\uDDE3\uDDE8\uDDEF\uDDF3\uDDFA-\uDE4F\uDE80-\uDEC5\uDECB-\uDED2\uDED5\uDEE0-\uDEE5\uDEE9\uDEEB\uDEEC\uDEF0\uDEF3-\uDEFA\uDFE0-\uDFEB]|\uD83E[\uDD0D-\uDD3A\uDD3C-\uDD45\uDD47-\uDD71\uDD73-\uDD76\uDD7A-\uDDA2\uDDA5-\uDDAA\uDDAE-\uDDCA\uDDCD-\uDDFF\uDE70-\uDE73\uDE78-\uDE7A\uDE80-\uDE82\uDE90-\uDE95])\uFE0F|(?:[\u261D\u26F9\u270A-\u270D]|\uD83C[\uDF85\uDFC2-\uDFC4\uDFC7\uDFCA-\uDFCC]|\uD83D[\uDC42\uDC43\uDC46-\uDC50\uDC66-\uDC78\uDC7C\uDC81-\uDC83\uDC85-\uDC87\uDC8F\uDC91\uDCAA\uDD74\uDD75\uDD7A\uDD90\uDD95\uDD96\uDE45-\uDE47\uDE4B-\uDE4F\uDEA3\uDEB4-\uDEB6\uDEC0\uDECC]|\uD83E[\uDD0F\uDD18-\uDD1F\uDD26\uDD30-\uDD39\uDD3C-\uDD3E\uDDB5\uDDB6\uDDB8\uDDB9\uDDBB\uDDCD-\uDDCF\uDDD1-\uDDDD])/g;
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/string-width@4.2.3/node_modules/string-width/index.js
var require_string_width = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/string-width@4.2.3/node_modules/string-width/index.js'(
    exports,
    module,
  ) {
    var stripAnsi = require_strip_ansi();
    var isFullwidthCodePoint = require_is_fullwidth_code_point();
    var emojiRegex = require_emoji_regex();
    var stringWidth = (string) => {
      if (typeof string !== 'string' || string.length === 0) {
        return 0;
      }
      string = stripAnsi(string);
      if (string.length === 0) {
        return 0;
      }
      string = string.replace(emojiRegex(), '  ');
      let width = 0;
      for (let i = 0; i < string.length; i++) {
        const code = string.codePointAt(i);
        if (code <= 31 || (code >= 127 && code <= 159)) {
          continue;
        }
        if (code >= 768 && code <= 879) {
          continue;
        }
        if (code > 65535) {
          i++;
        }
        width += isFullwidthCodePoint(code) ? 2 : 1;
      }
      return width;
    };
    module.exports = stringWidth;
    module.exports.default = stringWidth;
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/src/utils.js
var require_utils = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/src/utils.js'(
    exports,
    module,
  ) {
    var stringWidth = require_string_width();
    function codeRegex(capture) {
      return capture ? /\u001b\[((?:\d*;){0,5}\d*)m/g : /\u001b\[(?:\d*;){0,5}\d*m/g;
    }
    function strlen(str) {
      const code = codeRegex();
      const stripped = ('' + str).replace(code, '');
      const split = stripped.split('\n');
      return split.reduce((memo, s) => (stringWidth(s) > memo ? stringWidth(s) : memo), 0);
    }
    function repeat(str, times) {
      return Array(times + 1).join(str);
    }
    function pad(str, len, pad2, dir) {
      const length2 = strlen(str);
      if (len + 1 >= length2) {
        const padlen = len - length2;
        switch (dir) {
          case 'right': {
            str = repeat(pad2, padlen) + str;
            break;
          }
          case 'center': {
            const right = Math.ceil(padlen / 2);
            const left = padlen - right;
            str = repeat(pad2, left) + str + repeat(pad2, right);
            break;
          }
          default: {
            str = str + repeat(pad2, padlen);
            break;
          }
        }
      }
      return str;
    }
    var codeCache = {};
    function addToCodeCache(name, on, off) {
      on = '\x1B[' + on + 'm';
      off = '\x1B[' + off + 'm';
      codeCache[on] = { set: name, to: true };
      codeCache[off] = { set: name, to: false };
      codeCache[name] = { on, off };
    }
    addToCodeCache('bold', 1, 22);
    addToCodeCache('italics', 3, 23);
    addToCodeCache('underline', 4, 24);
    addToCodeCache('inverse', 7, 27);
    addToCodeCache('strikethrough', 9, 29);
    function updateState(state2, controlChars) {
      const controlCode = controlChars[1] ? parseInt(controlChars[1].split(';')[0]) : 0;
      if ((controlCode >= 30 && controlCode <= 39) || (controlCode >= 90 && controlCode <= 97)) {
        state2.lastForegroundAdded = controlChars[0];
        return;
      }
      if ((controlCode >= 40 && controlCode <= 49) || (controlCode >= 100 && controlCode <= 107)) {
        state2.lastBackgroundAdded = controlChars[0];
        return;
      }
      if (controlCode === 0) {
        for (const i in state2) {
          if (Object.hasOwn(state2, i)) {
            delete state2[i];
          }
        }
        return;
      }
      const info = codeCache[controlChars[0]];
      if (info) {
        state2[info.set] = info.to;
      }
    }
    function readState(line) {
      const code = codeRegex(true);
      let controlChars = code.exec(line);
      const state2 = {};
      while (controlChars !== null) {
        updateState(state2, controlChars);
        controlChars = code.exec(line);
      }
      return state2;
    }
    function unwindState(state2, ret) {
      const lastBackgroundAdded = state2.lastBackgroundAdded;
      const lastForegroundAdded = state2.lastForegroundAdded;
      delete state2.lastBackgroundAdded;
      delete state2.lastForegroundAdded;
      Object.keys(state2).forEach((key) => {
        if (state2[key]) {
          ret += codeCache[key].off;
        }
      });
      if (lastBackgroundAdded && lastBackgroundAdded != '\x1B[49m') {
        ret += '\x1B[49m';
      }
      if (lastForegroundAdded && lastForegroundAdded != '\x1B[39m') {
        ret += '\x1B[39m';
      }
      return ret;
    }
    function rewindState(state2, ret) {
      const lastBackgroundAdded = state2.lastBackgroundAdded;
      const lastForegroundAdded = state2.lastForegroundAdded;
      delete state2.lastBackgroundAdded;
      delete state2.lastForegroundAdded;
      Object.keys(state2).forEach((key) => {
        if (state2[key]) {
          ret = codeCache[key].on + ret;
        }
      });
      if (lastBackgroundAdded && lastBackgroundAdded != '\x1B[49m') {
        ret = lastBackgroundAdded + ret;
      }
      if (lastForegroundAdded && lastForegroundAdded != '\x1B[39m') {
        ret = lastForegroundAdded + ret;
      }
      return ret;
    }
    function truncateWidth(str, desiredLength) {
      if (str.length === strlen(str)) {
        return str.substr(0, desiredLength);
      }
      while (strlen(str) > desiredLength) {
        str = str.slice(0, -1);
      }
      return str;
    }
    function truncateWidthWithAnsi(str, desiredLength) {
      const code = codeRegex(true);
      const split = str.split(codeRegex());
      let splitIndex = 0;
      let retLen = 0;
      let ret = '';
      let myArray;
      const state2 = {};
      while (retLen < desiredLength) {
        myArray = code.exec(str);
        let toAdd = split[splitIndex];
        splitIndex++;
        if (retLen + strlen(toAdd) > desiredLength) {
          toAdd = truncateWidth(toAdd, desiredLength - retLen);
        }
        ret += toAdd;
        retLen += strlen(toAdd);
        if (retLen < desiredLength) {
          if (!myArray) {
            break;
          }
          ret += myArray[0];
          updateState(state2, myArray);
        }
      }
      return unwindState(state2, ret);
    }
    function truncate(str, desiredLength, truncateChar) {
      truncateChar = truncateChar || '\u2026';
      const lengthOfStr = strlen(str);
      if (lengthOfStr <= desiredLength) {
        return str;
      }
      desiredLength -= strlen(truncateChar);
      let ret = truncateWidthWithAnsi(str, desiredLength);
      ret += truncateChar;
      const hrefTag = '\x1B]8;;\x07';
      if (str.includes(hrefTag) && !ret.includes(hrefTag)) {
        ret += hrefTag;
      }
      return ret;
    }
    function defaultOptions() {
      return {
        chars: {
          top: '\u2500',
          'top-mid': '\u252C',
          'top-left': '\u250C',
          'top-right': '\u2510',
          bottom: '\u2500',
          'bottom-mid': '\u2534',
          'bottom-left': '\u2514',
          'bottom-right': '\u2518',
          left: '\u2502',
          'left-mid': '\u251C',
          mid: '\u2500',
          'mid-mid': '\u253C',
          right: '\u2502',
          'right-mid': '\u2524',
          middle: '\u2502',
        },
        truncate: '\u2026',
        colWidths: [],
        rowHeights: [],
        colAligns: [],
        rowAligns: [],
        style: {
          'padding-left': 1,
          'padding-right': 1,
          head: ['red'],
          border: ['grey'],
          compact: false,
        },
        head: [],
      };
    }
    function mergeOptions(options, defaults) {
      options = options || {};
      defaults = defaults || defaultOptions();
      const ret = Object.assign({}, defaults, options);
      ret.chars = Object.assign({}, defaults.chars, options.chars);
      ret.style = Object.assign({}, defaults.style, options.style);
      return ret;
    }
    function wordWrap(maxLength, input) {
      const lines = [];
      const split = input.split(/(\s+)/g);
      let line = [];
      let lineLength = 0;
      let whitespace;
      for (let i = 0; i < split.length; i += 2) {
        const word = split[i];
        let newLength = lineLength + strlen(word);
        if (lineLength > 0 && whitespace) {
          newLength += whitespace.length;
        }
        if (newLength > maxLength) {
          if (lineLength !== 0) {
            lines.push(line.join(''));
          }
          line = [word];
          lineLength = strlen(word);
        } else {
          line.push(whitespace || '', word);
          lineLength = newLength;
        }
        whitespace = split[i + 1];
      }
      if (lineLength) {
        lines.push(line.join(''));
      }
      return lines;
    }
    function textWrap(maxLength, input) {
      const lines = [];
      let line = '';
      function pushLine(str, ws) {
        if (line.length && ws) line += ws;
        line += str;
        while (line.length > maxLength) {
          lines.push(line.slice(0, maxLength));
          line = line.slice(maxLength);
        }
      }
      const split = input.split(/(\s+)/g);
      for (let i = 0; i < split.length; i += 2) {
        pushLine(split[i], i && split[i - 1]);
      }
      if (line.length) lines.push(line);
      return lines;
    }
    function multiLineWordWrap(maxLength, input, wrapOnWordBoundary = true) {
      const output = [];
      input = input.split('\n');
      const handler = wrapOnWordBoundary ? wordWrap : textWrap;
      for (let i = 0; i < input.length; i++) {
        output.push.apply(output, handler(maxLength, input[i]));
      }
      return output;
    }
    function colorizeLines(input) {
      let state2 = {};
      const output = [];
      for (let i = 0; i < input.length; i++) {
        const line = rewindState(state2, input[i]);
        state2 = readState(line);
        const temp = Object.assign({}, state2);
        output.push(unwindState(temp, line));
      }
      return output;
    }
    function hyperlink(url, text) {
      const OSC = '\x1B]';
      const BEL = '\x07';
      const SEP = ';';
      return [OSC, '8', SEP, SEP, url || text, BEL, text, OSC, '8', SEP, SEP, BEL].join('');
    }
    module.exports = {
      strlen,
      repeat,
      pad,
      truncate,
      mergeOptions,
      wordWrap: multiLineWordWrap,
      colorizeLines,
      hyperlink,
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/styles.js
var require_styles = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/styles.js'(
    exports,
    module,
  ) {
    var styles = {};
    module['exports'] = styles;
    var codes = {
      reset: [0, 0],
      bold: [1, 22],
      dim: [2, 22],
      italic: [3, 23],
      underline: [4, 24],
      inverse: [7, 27],
      hidden: [8, 28],
      strikethrough: [9, 29],
      black: [30, 39],
      red: [31, 39],
      green: [32, 39],
      yellow: [33, 39],
      blue: [34, 39],
      magenta: [35, 39],
      cyan: [36, 39],
      white: [37, 39],
      gray: [90, 39],
      grey: [90, 39],
      brightRed: [91, 39],
      brightGreen: [92, 39],
      brightYellow: [93, 39],
      brightBlue: [94, 39],
      brightMagenta: [95, 39],
      brightCyan: [96, 39],
      brightWhite: [97, 39],
      bgBlack: [40, 49],
      bgRed: [41, 49],
      bgGreen: [42, 49],
      bgYellow: [43, 49],
      bgBlue: [44, 49],
      bgMagenta: [45, 49],
      bgCyan: [46, 49],
      bgWhite: [47, 49],
      bgGray: [100, 49],
      bgGrey: [100, 49],
      bgBrightRed: [101, 49],
      bgBrightGreen: [102, 49],
      bgBrightYellow: [103, 49],
      bgBrightBlue: [104, 49],
      bgBrightMagenta: [105, 49],
      bgBrightCyan: [106, 49],
      bgBrightWhite: [107, 49],
      // legacy styles for colors pre v1.0.0
      blackBG: [40, 49],
      redBG: [41, 49],
      greenBG: [42, 49],
      yellowBG: [43, 49],
      blueBG: [44, 49],
      magentaBG: [45, 49],
      cyanBG: [46, 49],
      whiteBG: [47, 49],
    };
    Object.keys(codes).forEach((key) => {
      var val = codes[key];
      var style = (styles[key] = []);
      style.open = '\x1B[' + val[0] + 'm';
      style.close = '\x1B[' + val[1] + 'm';
    });
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/system/has-flag.js
var require_has_flag = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/system/has-flag.js'(
    exports,
    module,
  ) {
    module.exports = (flag, argv) => {
      argv = argv || process.argv;
      var terminatorPos = argv.indexOf('--');
      var prefix = /^-{1,2}/.test(flag) ? '' : '--';
      var pos = argv.indexOf(prefix + flag);
      return pos !== -1 && (terminatorPos === -1 ? true : pos < terminatorPos);
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/system/supports-colors.js
var require_supports_colors = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/system/supports-colors.js'(
    exports,
    module,
  ) {
    var os = __require('os');
    var hasFlag = require_has_flag();
    var env = process.env;
    var forceColor = void 0;
    if (hasFlag('no-color') || hasFlag('no-colors') || hasFlag('color=false')) {
      forceColor = false;
    } else if (hasFlag('color') || hasFlag('colors') || hasFlag('color=true') || hasFlag('color=always')) {
      forceColor = true;
    }
    if ('FORCE_COLOR' in env) {
      forceColor = env.FORCE_COLOR.length === 0 || parseInt(env.FORCE_COLOR, 10) !== 0;
    }
    function translateLevel(level) {
      if (level === 0) {
        return false;
      }
      return {
        level,
        hasBasic: true,
        has256: level >= 2,
        has16m: level >= 3,
      };
    }
    function supportsColor(stream) {
      if (forceColor === false) {
        return 0;
      }
      if (hasFlag('color=16m') || hasFlag('color=full') || hasFlag('color=truecolor')) {
        return 3;
      }
      if (hasFlag('color=256')) {
        return 2;
      }
      if (stream && !stream.isTTY && forceColor !== true) {
        return 0;
      }
      var min = forceColor ? 1 : 0;
      if (process.platform === 'win32') {
        var osRelease = os.release().split('.');
        if (
          Number(process.versions.node.split('.')[0]) >= 8 &&
          Number(osRelease[0]) >= 10 &&
          Number(osRelease[2]) >= 10586
        ) {
          return Number(osRelease[2]) >= 14931 ? 3 : 2;
        }
        return 1;
      }
      if ('CI' in env) {
        if (
          ['TRAVIS', 'CIRCLECI', 'APPVEYOR', 'GITLAB_CI'].some((sign) => sign in env) ||
          env.CI_NAME === 'codeship'
        ) {
          return 1;
        }
        return min;
      }
      if ('TEAMCITY_VERSION' in env) {
        return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 1 : 0;
      }
      if ('TERM_PROGRAM' in env) {
        var version2 = parseInt((env.TERM_PROGRAM_VERSION || '').split('.')[0], 10);
        switch (env.TERM_PROGRAM) {
          case 'iTerm.app':
            return version2 >= 3 ? 3 : 2;
          case 'Hyper':
            return 3;
          case 'Apple_Terminal':
            return 2;
        }
      }
      if (/-256(color)?$/i.test(env.TERM)) {
        return 2;
      }
      if (/^screen|^xterm|^vt100|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM)) {
        return 1;
      }
      if ('COLORTERM' in env) {
        return 1;
      }
      if (env.TERM === 'dumb') {
        return min;
      }
      return min;
    }
    function getSupportLevel(stream) {
      var level = supportsColor(stream);
      return translateLevel(level);
    }
    module.exports = {
      supportsColor: getSupportLevel,
      stdout: getSupportLevel(process.stdout),
      stderr: getSupportLevel(process.stderr),
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/custom/trap.js
var require_trap = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/custom/trap.js'(
    exports,
    module,
  ) {
    module['exports'] = function runTheTrap(text, options) {
      var result = '';
      text = text || 'Run the trap, drop the bass';
      text = text.split('');
      var trap = {
        a: ['@', '\u0104', '\u023A', '\u0245', '\u0394', '\u039B', '\u0414'],
        b: ['\xDF', '\u0181', '\u0243', '\u026E', '\u03B2', '\u0E3F'],
        c: ['\xA9', '\u023B', '\u03FE'],
        d: ['\xD0', '\u018A', '\u0500', '\u0501', '\u0502', '\u0503'],
        e: ['\xCB', '\u0115', '\u018E', '\u0258', '\u03A3', '\u03BE', '\u04BC', '\u0A6C'],
        f: ['\u04FA'],
        g: ['\u0262'],
        h: ['\u0126', '\u0195', '\u04A2', '\u04BA', '\u04C7', '\u050A'],
        i: ['\u0F0F'],
        j: ['\u0134'],
        k: ['\u0138', '\u04A0', '\u04C3', '\u051E'],
        l: ['\u0139'],
        m: ['\u028D', '\u04CD', '\u04CE', '\u0520', '\u0521', '\u0D69'],
        n: ['\xD1', '\u014B', '\u019D', '\u0376', '\u03A0', '\u048A'],
        o: ['\xD8', '\xF5', '\xF8', '\u01FE', '\u0298', '\u047A', '\u05DD', '\u06DD', '\u0E4F'],
        p: ['\u01F7', '\u048E'],
        q: ['\u09CD'],
        r: ['\xAE', '\u01A6', '\u0210', '\u024C', '\u0280', '\u042F'],
        s: ['\xA7', '\u03DE', '\u03DF', '\u03E8'],
        t: ['\u0141', '\u0166', '\u0373'],
        u: ['\u01B1', '\u054D'],
        v: ['\u05D8'],
        w: ['\u0428', '\u0460', '\u047C', '\u0D70'],
        x: ['\u04B2', '\u04FE', '\u04FC', '\u04FD'],
        y: ['\xA5', '\u04B0', '\u04CB'],
        z: ['\u01B5', '\u0240'],
      };
      text.forEach((c) => {
        c = c.toLowerCase();
        var chars = trap[c] || [' '];
        var rand = Math.floor(Math.random() * chars.length);
        if (typeof trap[c] !== 'undefined') {
          result += trap[c][rand];
        } else {
          result += c;
        }
      });
      return result;
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/custom/zalgo.js
var require_zalgo = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/custom/zalgo.js'(
    exports,
    module,
  ) {
    module['exports'] = function zalgo(text, options) {
      text = text || '   he is here   ';
      var soul = {
        up: [
          '\u030D',
          '\u030E',
          '\u0304',
          '\u0305',
          '\u033F',
          '\u0311',
          '\u0306',
          '\u0310',
          '\u0352',
          '\u0357',
          '\u0351',
          '\u0307',
          '\u0308',
          '\u030A',
          '\u0342',
          '\u0313',
          '\u0308',
          '\u034A',
          '\u034B',
          '\u034C',
          '\u0303',
          '\u0302',
          '\u030C',
          '\u0350',
          '\u0300',
          '\u0301',
          '\u030B',
          '\u030F',
          '\u0312',
          '\u0313',
          '\u0314',
          '\u033D',
          '\u0309',
          '\u0363',
          '\u0364',
          '\u0365',
          '\u0366',
          '\u0367',
          '\u0368',
          '\u0369',
          '\u036A',
          '\u036B',
          '\u036C',
          '\u036D',
          '\u036E',
          '\u036F',
          '\u033E',
          '\u035B',
          '\u0346',
          '\u031A',
        ],
        down: [
          '\u0316',
          '\u0317',
          '\u0318',
          '\u0319',
          '\u031C',
          '\u031D',
          '\u031E',
          '\u031F',
          '\u0320',
          '\u0324',
          '\u0325',
          '\u0326',
          '\u0329',
          '\u032A',
          '\u032B',
          '\u032C',
          '\u032D',
          '\u032E',
          '\u032F',
          '\u0330',
          '\u0331',
          '\u0332',
          '\u0333',
          '\u0339',
          '\u033A',
          '\u033B',
          '\u033C',
          '\u0345',
          '\u0347',
          '\u0348',
          '\u0349',
          '\u034D',
          '\u034E',
          '\u0353',
          '\u0354',
          '\u0355',
          '\u0356',
          '\u0359',
          '\u035A',
          '\u0323',
        ],
        mid: [
          '\u0315',
          '\u031B',
          '\u0300',
          '\u0301',
          '\u0358',
          '\u0321',
          '\u0322',
          '\u0327',
          '\u0328',
          '\u0334',
          '\u0335',
          '\u0336',
          '\u035C',
          '\u035D',
          '\u035E',
          '\u035F',
          '\u0360',
          '\u0362',
          '\u0338',
          '\u0337',
          '\u0361',
          ' \u0489',
        ],
      };
      var all = [].concat(soul.up, soul.down, soul.mid);
      function randomNumber(range) {
        var r = Math.floor(Math.random() * range);
        return r;
      }
      function isChar(character) {
        var bool = false;
        all.filter((i) => {
          bool = i === character;
        });
        return bool;
      }
      function heComes(text2, options2) {
        var result = '';
        var counts;
        var l;
        options2 = options2 || {};
        options2['up'] = typeof options2['up'] !== 'undefined' ? options2['up'] : true;
        options2['mid'] = typeof options2['mid'] !== 'undefined' ? options2['mid'] : true;
        options2['down'] = typeof options2['down'] !== 'undefined' ? options2['down'] : true;
        options2['size'] = typeof options2['size'] !== 'undefined' ? options2['size'] : 'maxi';
        text2 = text2.split('');
        for (l in text2) {
          if (isChar(l)) {
            continue;
          }
          result = result + text2[l];
          counts = { up: 0, down: 0, mid: 0 };
          switch (options2.size) {
            case 'mini':
              counts.up = randomNumber(8);
              counts.mid = randomNumber(2);
              counts.down = randomNumber(8);
              break;
            case 'maxi':
              counts.up = randomNumber(16) + 3;
              counts.mid = randomNumber(4) + 1;
              counts.down = randomNumber(64) + 3;
              break;
            default:
              counts.up = randomNumber(8) + 1;
              counts.mid = randomNumber(6) / 2;
              counts.down = randomNumber(8) + 1;
              break;
          }
          var arr = ['up', 'mid', 'down'];
          for (var d in arr) {
            var index = arr[d];
            for (var i = 0; i <= counts[index]; i++) {
              if (options2[index]) {
                result = result + soul[index][randomNumber(soul[index].length)];
              }
            }
          }
        }
        return result;
      }
      return heComes(text, options);
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/maps/america.js
var require_america = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/maps/america.js'(
    exports,
    module,
  ) {
    module['exports'] = (colors) => (letter, i, exploded) => {
      if (letter === ' ') return letter;
      switch (i % 3) {
        case 0:
          return colors.red(letter);
        case 1:
          return colors.white(letter);
        case 2:
          return colors.blue(letter);
      }
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/maps/zebra.js
var require_zebra = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/maps/zebra.js'(
    exports,
    module,
  ) {
    module['exports'] = (colors) => (letter, i, exploded) => (i % 2 === 0 ? letter : colors.inverse(letter));
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/maps/rainbow.js
var require_rainbow = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/maps/rainbow.js'(
    exports,
    module,
  ) {
    module['exports'] = (colors) => {
      var rainbowColors = ['red', 'yellow', 'green', 'blue', 'magenta'];
      return (letter, i, exploded) => {
        if (letter === ' ') {
          return letter;
        } else {
          return colors[rainbowColors[i++ % rainbowColors.length]](letter);
        }
      };
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/maps/random.js
var require_random = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/maps/random.js'(
    exports,
    module,
  ) {
    module['exports'] = (colors) => {
      var available = [
        'underline',
        'inverse',
        'grey',
        'yellow',
        'red',
        'green',
        'blue',
        'white',
        'cyan',
        'magenta',
        'brightYellow',
        'brightRed',
        'brightGreen',
        'brightBlue',
        'brightWhite',
        'brightCyan',
        'brightMagenta',
      ];
      return (letter, i, exploded) =>
        letter === ' '
          ? letter
          : colors[available[Math.round(Math.random() * (available.length - 2))]](letter);
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/colors.js
var require_colors = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/lib/colors.js'(
    exports,
    module,
  ) {
    var colors = {};
    module['exports'] = colors;
    colors.themes = {};
    var util = __require('util');
    var ansiStyles = (colors.styles = require_styles());
    var defineProps = Object.defineProperties;
    var newLineRegex = new RegExp(/[\r\n]+/g);
    colors.supportsColor = require_supports_colors().supportsColor;
    if (typeof colors.enabled === 'undefined') {
      colors.enabled = colors.supportsColor() !== false;
    }
    colors.enable = () => {
      colors.enabled = true;
    };
    colors.disable = () => {
      colors.enabled = false;
    };
    colors.stripColors = colors.strip = (str) => ('' + str).replace(/\x1B\[\d+m/g, '');
    var stylize = (colors.stylize = function stylize2(str, style) {
      if (!colors.enabled) {
        return str + '';
      }
      var styleMap = ansiStyles[style];
      if (!styleMap && style in colors) {
        return colors[style](str);
      }
      return styleMap.open + str + styleMap.close;
    });
    var matchOperatorsRe = /[|\\{}()[\]^$+*?.]/g;
    var escapeStringRegexp = (str) => {
      if (typeof str !== 'string') {
        throw new TypeError('Expected a string');
      }
      return str.replace(matchOperatorsRe, '\\$&');
    };
    function build(_styles) {
      var builder = function builder2() {
        return applyStyle.apply(builder2, arguments);
      };
      builder._styles = _styles;
      builder.__proto__ = proto;
      return builder;
    }
    var styles = (() => {
      var ret = {};
      ansiStyles.grey = ansiStyles.gray;
      Object.keys(ansiStyles).forEach((key) => {
        ansiStyles[key].closeRe = new RegExp(escapeStringRegexp(ansiStyles[key].close), 'g');
        ret[key] = {
          get: function () {
            return build(this._styles.concat(key));
          },
        };
      });
      return ret;
    })();
    var proto = defineProps(function colors2() {}, styles);
    function applyStyle() {
      var args2 = Array.prototype.slice.call(arguments);
      var str = args2
        .map((arg) => {
          if (arg != null && arg.constructor === String) {
            return arg;
          } else {
            return util.inspect(arg);
          }
        })
        .join(' ');
      if (!colors.enabled || !str) {
        return str;
      }
      var newLinesPresent = str.indexOf('\n') != -1;
      var nestedStyles = this._styles;
      var i = nestedStyles.length;
      while (i--) {
        var code = ansiStyles[nestedStyles[i]];
        str = code.open + str.replace(code.closeRe, code.open) + code.close;
        if (newLinesPresent) {
          str = str.replace(newLineRegex, (match) => code.close + match + code.open);
        }
      }
      return str;
    }
    colors.setTheme = (theme) => {
      if (typeof theme === 'string') {
        console.log(
          "colors.setTheme now only accepts an object, not a string.  If you are trying to set a theme from a file, it is now your (the caller's) responsibility to require the file.  The old syntax looked like colors.setTheme(__dirname + '/../themes/generic-logging.js'); The new syntax looks like colors.setTheme(require(__dirname + '/../themes/generic-logging.js'));",
        );
        return;
      }
      for (var style in theme) {
        ((style2) => {
          colors[style2] = (str) => {
            if (typeof theme[style2] === 'object') {
              var out = str;
              for (var i in theme[style2]) {
                out = colors[theme[style2][i]](out);
              }
              return out;
            }
            return colors[theme[style2]](str);
          };
        })(style);
      }
    };
    function init() {
      var ret = {};
      Object.keys(styles).forEach((name) => {
        ret[name] = {
          get: () => build([name]),
        };
      });
      return ret;
    }
    var sequencer = function sequencer2(map2, str) {
      var exploded = str.split('');
      exploded = exploded.map(map2);
      return exploded.join('');
    };
    colors.trap = require_trap();
    colors.zalgo = require_zalgo();
    colors.maps = {};
    colors.maps.america = require_america()(colors);
    colors.maps.zebra = require_zebra()(colors);
    colors.maps.rainbow = require_rainbow()(colors);
    colors.maps.random = require_random()(colors);
    for (map in colors.maps) {
      ((map2) => {
        colors[map2] = (str) => sequencer(colors.maps[map2], str);
      })(map);
    }
    var map;
    defineProps(colors, init());
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/safe.js
var require_safe = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/@colors+colors@1.5.0/node_modules/@colors/colors/safe.js'(
    exports,
    module,
  ) {
    var colors = require_colors();
    module['exports'] = colors;
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/src/cell.js
var require_cell = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/src/cell.js'(
    exports,
    module,
  ) {
    var { info, debug } = require_debug();
    var utils = require_utils();
    var Cell = class _Cell {
      /**
       * A representation of a cell within the table.
       * Implementations must have `init` and `draw` methods,
       * as well as `colSpan`, `rowSpan`, `desiredHeight` and `desiredWidth` properties.
       * @param options
       * @constructor
       */
      constructor(options) {
        this.setOptions(options);
        this.x = null;
        this.y = null;
      }
      setOptions(options) {
        if (['boolean', 'number', 'bigint', 'string'].indexOf(typeof options) !== -1) {
          options = { content: '' + options };
        }
        options = options || {};
        this.options = options;
        const content = options.content;
        if (['boolean', 'number', 'bigint', 'string'].indexOf(typeof content) !== -1) {
          this.content = String(content);
        } else if (!content) {
          this.content = this.options.href || '';
        } else {
          throw new Error('Content needs to be a primitive, got: ' + typeof content);
        }
        this.colSpan = options.colSpan || 1;
        this.rowSpan = options.rowSpan || 1;
        if (this.options.href) {
          Object.defineProperty(this, 'href', {
            get() {
              return this.options.href;
            },
          });
        }
      }
      mergeTableOptions(tableOptions, cells) {
        this.cells = cells;
        const optionsChars = this.options.chars || {};
        const tableChars = tableOptions.chars;
        const chars = (this.chars = {});
        CHAR_NAMES.forEach((name) => {
          setOption(optionsChars, tableChars, name, chars);
        });
        this.truncate = this.options.truncate || tableOptions.truncate;
        const style = (this.options.style = this.options.style || {});
        const tableStyle = tableOptions.style;
        setOption(style, tableStyle, 'padding-left', this);
        setOption(style, tableStyle, 'padding-right', this);
        this.head = style.head || tableStyle.head;
        this.border = style.border || tableStyle.border;
        this.fixedWidth = tableOptions.colWidths[this.x];
        this.lines = this.computeLines(tableOptions);
        this.desiredWidth = utils.strlen(this.content) + this.paddingLeft + this.paddingRight;
        this.desiredHeight = this.lines.length;
      }
      computeLines(tableOptions) {
        const tableWordWrap = tableOptions.wordWrap || tableOptions.textWrap;
        const { wordWrap = tableWordWrap } = this.options;
        if (this.fixedWidth && wordWrap) {
          this.fixedWidth -= this.paddingLeft + this.paddingRight;
          if (this.colSpan) {
            let i = 1;
            while (i < this.colSpan) {
              this.fixedWidth += tableOptions.colWidths[this.x + i];
              i++;
            }
          }
          const { wrapOnWordBoundary: tableWrapOnWordBoundary = true } = tableOptions;
          const { wrapOnWordBoundary = tableWrapOnWordBoundary } = this.options;
          return this.wrapLines(utils.wordWrap(this.fixedWidth, this.content, wrapOnWordBoundary));
        }
        return this.wrapLines(this.content.split('\n'));
      }
      wrapLines(computedLines) {
        const lines = utils.colorizeLines(computedLines);
        if (this.href) {
          return lines.map((line) => utils.hyperlink(this.href, line));
        }
        return lines;
      }
      /**
       * Initializes the Cells data structure.
       *
       * @param tableOptions - A fully populated set of tableOptions.
       * In addition to the standard default values, tableOptions must have fully populated the
       * `colWidths` and `rowWidths` arrays. Those arrays must have lengths equal to the number
       * of columns or rows (respectively) in this table, and each array item must be a Number.
       *
       */
      init(tableOptions) {
        const x = this.x;
        const y = this.y;
        this.widths = tableOptions.colWidths.slice(x, x + this.colSpan);
        this.heights = tableOptions.rowHeights.slice(y, y + this.rowSpan);
        this.width = this.widths.reduce(sumPlusOne, -1);
        this.height = this.heights.reduce(sumPlusOne, -1);
        this.hAlign = this.options.hAlign || tableOptions.colAligns[x];
        this.vAlign = this.options.vAlign || tableOptions.rowAligns[y];
        this.drawRight = x + this.colSpan == tableOptions.colWidths.length;
      }
      /**
       * Draws the given line of the cell.
       * This default implementation defers to methods `drawTop`, `drawBottom`, `drawLine` and `drawEmpty`.
       * @param lineNum - can be `top`, `bottom` or a numerical line number.
       * @param spanningCell - will be a number if being called from a RowSpanCell, and will represent how
       * many rows below it's being called from. Otherwise it's undefined.
       * @returns {String} The representation of this line.
       */
      draw(lineNum, spanningCell) {
        if (lineNum == 'top') return this.drawTop(this.drawRight);
        if (lineNum == 'bottom') return this.drawBottom(this.drawRight);
        const content = utils.truncate(this.content, 10, this.truncate);
        if (!lineNum) {
          info(`${this.y}-${this.x}: ${this.rowSpan - lineNum}x${this.colSpan} Cell ${content}`);
        } else {
        }
        const padLen = Math.max(this.height - this.lines.length, 0);
        let padTop;
        switch (this.vAlign) {
          case 'center':
            padTop = Math.ceil(padLen / 2);
            break;
          case 'bottom':
            padTop = padLen;
            break;
          default:
            padTop = 0;
        }
        if (lineNum < padTop || lineNum >= padTop + this.lines.length) {
          return this.drawEmpty(this.drawRight, spanningCell);
        }
        const forceTruncation = this.lines.length > this.height && lineNum + 1 >= this.height;
        return this.drawLine(lineNum - padTop, this.drawRight, forceTruncation, spanningCell);
      }
      /**
       * Renders the top line of the cell.
       * @param drawRight - true if this method should render the right edge of the cell.
       * @returns {String}
       */
      drawTop(drawRight) {
        const content = [];
        if (this.cells) {
          this.widths.forEach(function (width, index) {
            content.push(this._topLeftChar(index));
            content.push(utils.repeat(this.chars[this.y == 0 ? 'top' : 'mid'], width));
          }, this);
        } else {
          content.push(this._topLeftChar(0));
          content.push(utils.repeat(this.chars[this.y == 0 ? 'top' : 'mid'], this.width));
        }
        if (drawRight) {
          content.push(this.chars[this.y == 0 ? 'topRight' : 'rightMid']);
        }
        return this.wrapWithStyleColors('border', content.join(''));
      }
      _topLeftChar(offset) {
        const x = this.x + offset;
        let leftChar;
        if (this.y == 0) {
          leftChar = x == 0 ? 'topLeft' : offset == 0 ? 'topMid' : 'top';
        } else {
          if (x == 0) {
            leftChar = 'leftMid';
          } else {
            leftChar = offset == 0 ? 'midMid' : 'bottomMid';
            if (this.cells) {
              const spanAbove = this.cells[this.y - 1][x] instanceof _Cell.ColSpanCell;
              if (spanAbove) {
                leftChar = offset == 0 ? 'topMid' : 'mid';
              }
              if (offset == 0) {
                let i = 1;
                while (this.cells[this.y][x - i] instanceof _Cell.ColSpanCell) {
                  i++;
                }
                if (this.cells[this.y][x - i] instanceof _Cell.RowSpanCell) {
                  leftChar = 'leftMid';
                }
              }
            }
          }
        }
        return this.chars[leftChar];
      }
      wrapWithStyleColors(styleProperty, content) {
        if (this[styleProperty] && this[styleProperty].length) {
          try {
            let colors = require_safe();
            for (let i = this[styleProperty].length - 1; i >= 0; i--) {
              colors = colors[this[styleProperty][i]];
            }
            return colors(content);
          } catch (e) {
            return content;
          }
        } else {
          return content;
        }
      }
      /**
       * Renders a line of text.
       * @param lineNum - Which line of text to render. This is not necessarily the line within the cell.
       * There may be top-padding above the first line of text.
       * @param drawRight - true if this method should render the right edge of the cell.
       * @param forceTruncationSymbol - `true` if the rendered text should end with the truncation symbol even
       * if the text fits. This is used when the cell is vertically truncated. If `false` the text should
       * only include the truncation symbol if the text will not fit horizontally within the cell width.
       * @param spanningCell - a number of if being called from a RowSpanCell. (how many rows below). otherwise undefined.
       * @returns {String}
       */
      drawLine(lineNum, drawRight, forceTruncationSymbol, spanningCell) {
        let left = this.chars[this.x == 0 ? 'left' : 'middle'];
        if (this.x && spanningCell && this.cells) {
          let cellLeft = this.cells[this.y + spanningCell][this.x - 1];
          while (cellLeft instanceof ColSpanCell) {
            cellLeft = this.cells[cellLeft.y][cellLeft.x - 1];
          }
          if (!(cellLeft instanceof RowSpanCell)) {
            left = this.chars['rightMid'];
          }
        }
        const leftPadding = utils.repeat(' ', this.paddingLeft);
        const right = drawRight ? this.chars['right'] : '';
        const rightPadding = utils.repeat(' ', this.paddingRight);
        let line = this.lines[lineNum];
        const len = this.width - (this.paddingLeft + this.paddingRight);
        if (forceTruncationSymbol) line += this.truncate || '\u2026';
        let content = utils.truncate(line, len, this.truncate);
        content = utils.pad(content, len, ' ', this.hAlign);
        content = leftPadding + content + rightPadding;
        return this.stylizeLine(left, content, right);
      }
      stylizeLine(left, content, right) {
        left = this.wrapWithStyleColors('border', left);
        right = this.wrapWithStyleColors('border', right);
        if (this.y === 0) {
          content = this.wrapWithStyleColors('head', content);
        }
        return left + content + right;
      }
      /**
       * Renders the bottom line of the cell.
       * @param drawRight - true if this method should render the right edge of the cell.
       * @returns {String}
       */
      drawBottom(drawRight) {
        const left = this.chars[this.x == 0 ? 'bottomLeft' : 'bottomMid'];
        const content = utils.repeat(this.chars.bottom, this.width);
        const right = drawRight ? this.chars['bottomRight'] : '';
        return this.wrapWithStyleColors('border', left + content + right);
      }
      /**
       * Renders a blank line of text within the cell. Used for top and/or bottom padding.
       * @param drawRight - true if this method should render the right edge of the cell.
       * @param spanningCell - a number of if being called from a RowSpanCell. (how many rows below). otherwise undefined.
       * @returns {String}
       */
      drawEmpty(drawRight, spanningCell) {
        let left = this.chars[this.x == 0 ? 'left' : 'middle'];
        if (this.x && spanningCell && this.cells) {
          let cellLeft = this.cells[this.y + spanningCell][this.x - 1];
          while (cellLeft instanceof ColSpanCell) {
            cellLeft = this.cells[cellLeft.y][cellLeft.x - 1];
          }
          if (!(cellLeft instanceof RowSpanCell)) {
            left = this.chars['rightMid'];
          }
        }
        const right = drawRight ? this.chars['right'] : '';
        const content = utils.repeat(' ', this.width);
        return this.stylizeLine(left, content, right);
      }
    };
    var ColSpanCell = class {
      /**
       * A Cell that doesn't do anything. It just draws empty lines.
       * Used as a placeholder in column spanning.
       * @constructor
       */
      constructor() {}
      draw(lineNum) {
        if (typeof lineNum === 'number') {
          debug(`${this.y}-${this.x}: 1x1 ColSpanCell`);
        }
        return '';
      }
      init() {}
      mergeTableOptions() {}
    };
    var RowSpanCell = class {
      /**
       * A placeholder Cell for a Cell that spans multiple rows.
       * It delegates rendering to the original cell, but adds the appropriate offset.
       * @param originalCell
       * @constructor
       */
      constructor(originalCell) {
        this.originalCell = originalCell;
      }
      init(tableOptions) {
        const y = this.y;
        const originalY = this.originalCell.y;
        this.cellOffset = y - originalY;
        this.offset = findDimension(tableOptions.rowHeights, originalY, this.cellOffset);
      }
      draw(lineNum) {
        if (lineNum == 'top') {
          return this.originalCell.draw(this.offset, this.cellOffset);
        }
        if (lineNum == 'bottom') {
          return this.originalCell.draw('bottom');
        }
        debug(`${this.y}-${this.x}: 1x${this.colSpan} RowSpanCell for ${this.originalCell.content}`);
        return this.originalCell.draw(this.offset + 1 + lineNum);
      }
      mergeTableOptions() {}
    };
    function firstDefined(...args2) {
      return args2.filter((v) => v !== void 0 && v !== null).shift();
    }
    function setOption(objA, objB, nameB, targetObj) {
      let nameA = nameB.split('-');
      if (nameA.length > 1) {
        nameA[1] = nameA[1].charAt(0).toUpperCase() + nameA[1].substr(1);
        nameA = nameA.join('');
        targetObj[nameA] = firstDefined(objA[nameA], objA[nameB], objB[nameA], objB[nameB]);
      } else {
        targetObj[nameB] = firstDefined(objA[nameB], objB[nameB]);
      }
    }
    function findDimension(dimensionTable, startingIndex, span) {
      let ret = dimensionTable[startingIndex];
      for (let i = 1; i < span; i++) {
        ret += 1 + dimensionTable[startingIndex + i];
      }
      return ret;
    }
    function sumPlusOne(a, b) {
      return a + b + 1;
    }
    var CHAR_NAMES = [
      'top',
      'top-mid',
      'top-left',
      'top-right',
      'bottom',
      'bottom-mid',
      'bottom-left',
      'bottom-right',
      'left',
      'left-mid',
      'mid',
      'mid-mid',
      'right',
      'right-mid',
      'middle',
    ];
    module.exports = Cell;
    module.exports.ColSpanCell = ColSpanCell;
    module.exports.RowSpanCell = RowSpanCell;
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/src/layout-manager.js
var require_layout_manager = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/src/layout-manager.js'(
    exports,
    module,
  ) {
    var { warn, debug } = require_debug();
    var Cell = require_cell();
    var { ColSpanCell, RowSpanCell } = Cell;
    (() => {
      function next(alloc, col) {
        if (alloc[col] > 0) {
          return next(alloc, col + 1);
        }
        return col;
      }
      function layoutTable(table) {
        const alloc = {};
        table.forEach((row, rowIndex) => {
          let col = 0;
          row.forEach((cell) => {
            cell.y = rowIndex;
            cell.x = rowIndex ? next(alloc, col) : col;
            const rowSpan = cell.rowSpan || 1;
            const colSpan = cell.colSpan || 1;
            if (rowSpan > 1) {
              for (let cs = 0; cs < colSpan; cs++) {
                alloc[cell.x + cs] = rowSpan;
              }
            }
            col = cell.x + colSpan;
          });
          Object.keys(alloc).forEach((idx) => {
            alloc[idx]--;
            if (alloc[idx] < 1) delete alloc[idx];
          });
        });
      }
      function maxWidth(table) {
        let mw = 0;
        table.forEach((row) => {
          row.forEach((cell) => {
            mw = Math.max(mw, cell.x + (cell.colSpan || 1));
          });
        });
        return mw;
      }
      function maxHeight(table) {
        return table.length;
      }
      function cellsConflict(cell1, cell2) {
        const yMin1 = cell1.y;
        const yMax1 = cell1.y - 1 + (cell1.rowSpan || 1);
        const yMin2 = cell2.y;
        const yMax2 = cell2.y - 1 + (cell2.rowSpan || 1);
        const yConflict = !(yMin1 > yMax2 || yMin2 > yMax1);
        const xMin1 = cell1.x;
        const xMax1 = cell1.x - 1 + (cell1.colSpan || 1);
        const xMin2 = cell2.x;
        const xMax2 = cell2.x - 1 + (cell2.colSpan || 1);
        const xConflict = !(xMin1 > xMax2 || xMin2 > xMax1);
        return yConflict && xConflict;
      }
      function conflictExists(rows, x, y) {
        const i_max = Math.min(rows.length - 1, y);
        const cell = { x, y };
        for (let i = 0; i <= i_max; i++) {
          const row = rows[i];
          for (let j = 0; j < row.length; j++) {
            if (cellsConflict(cell, row[j])) {
              return true;
            }
          }
        }
        return false;
      }
      function allBlank(rows, y, xMin, xMax) {
        for (let x = xMin; x < xMax; x++) {
          if (conflictExists(rows, x, y)) {
            return false;
          }
        }
        return true;
      }
      function addRowSpanCells(table) {
        table.forEach((row, rowIndex) => {
          row.forEach((cell) => {
            for (let i = 1; i < cell.rowSpan; i++) {
              const rowSpanCell = new RowSpanCell(cell);
              rowSpanCell.x = cell.x;
              rowSpanCell.y = cell.y + i;
              rowSpanCell.colSpan = cell.colSpan;
              insertCell(rowSpanCell, table[rowIndex + i]);
            }
          });
        });
      }
      function addColSpanCells(cellRows) {
        for (let rowIndex = cellRows.length - 1; rowIndex >= 0; rowIndex--) {
          const cellColumns = cellRows[rowIndex];
          for (let columnIndex = 0; columnIndex < cellColumns.length; columnIndex++) {
            const cell = cellColumns[columnIndex];
            for (let k = 1; k < cell.colSpan; k++) {
              const colSpanCell = new ColSpanCell();
              colSpanCell.x = cell.x + k;
              colSpanCell.y = cell.y;
              cellColumns.splice(columnIndex + 1, 0, colSpanCell);
            }
          }
        }
      }
      function insertCell(cell, row) {
        let x = 0;
        while (x < row.length && row[x].x < cell.x) {
          x++;
        }
        row.splice(x, 0, cell);
      }
      function fillInTable(table) {
        const h_max = maxHeight(table);
        const w_max = maxWidth(table);
        debug(`Max rows: ${h_max}; Max cols: ${w_max}`);
        for (let y = 0; y < h_max; y++) {
          for (let x = 0; x < w_max; x++) {
            if (!conflictExists(table, x, y)) {
              const opts = { x, y, colSpan: 1, rowSpan: 1 };
              x++;
              while (x < w_max && !conflictExists(table, x, y)) {
                opts.colSpan++;
                x++;
              }
              let y2 = y + 1;
              while (y2 < h_max && allBlank(table, y2, opts.x, opts.x + opts.colSpan)) {
                opts.rowSpan++;
                y2++;
              }
              const cell = new Cell(opts);
              cell.x = opts.x;
              cell.y = opts.y;
              warn(`Missing cell at ${cell.y}-${cell.x}.`);
              insertCell(cell, table[y]);
            }
          }
        }
      }
      function generateCells(rows) {
        return rows.map((row) => {
          if (!Array.isArray(row)) {
            const key = Object.keys(row)[0];
            row = row[key];
            if (Array.isArray(row)) {
              row = row.slice();
              row.unshift(key);
            } else {
              row = [key, row];
            }
          }
          return row.map((cell) => new Cell(cell));
        });
      }
      function makeTableLayout(rows) {
        const cellRows = generateCells(rows);
        layoutTable(cellRows);
        fillInTable(cellRows);
        addRowSpanCells(cellRows);
        addColSpanCells(cellRows);
        return cellRows;
      }
      module.exports = {
        makeTableLayout,
        layoutTable,
        addRowSpanCells,
        maxWidth,
        fillInTable,
        computeWidths: makeComputeWidths('colSpan', 'desiredWidth', 'x', 1),
        computeHeights: makeComputeWidths('rowSpan', 'desiredHeight', 'y', 1),
      };
    })();
    function makeComputeWidths(colSpan, desiredWidth, x, forcedMin) {
      return (vals, table) => {
        const result = [];
        const spanners = [];
        const auto = {};
        table.forEach((row) => {
          row.forEach((cell) => {
            if ((cell[colSpan] || 1) > 1) {
              spanners.push(cell);
            } else {
              result[cell[x]] = Math.max(result[cell[x]] || 0, cell[desiredWidth] || 0, forcedMin);
            }
          });
        });
        vals.forEach((val, index) => {
          if (typeof val === 'number') {
            result[index] = val;
          }
        });
        for (let k = spanners.length - 1; k >= 0; k--) {
          const cell = spanners[k];
          const span = cell[colSpan];
          const col = cell[x];
          let existingWidth = result[col];
          let editableCols = typeof vals[col] === 'number' ? 0 : 1;
          if (typeof existingWidth === 'number') {
            for (let i = 1; i < span; i++) {
              existingWidth += 1 + result[col + i];
              if (typeof vals[col + i] !== 'number') {
                editableCols++;
              }
            }
          } else {
            existingWidth = desiredWidth === 'desiredWidth' ? cell.desiredWidth - 1 : 1;
            if (!auto[col] || auto[col] < existingWidth) {
              auto[col] = existingWidth;
            }
          }
          if (cell[desiredWidth] > existingWidth) {
            let i = 0;
            while (editableCols > 0 && cell[desiredWidth] > existingWidth) {
              if (typeof vals[col + i] !== 'number') {
                const dif = Math.round((cell[desiredWidth] - existingWidth) / editableCols);
                existingWidth += dif;
                result[col + i] += dif;
                editableCols--;
              }
              i++;
            }
          }
        }
        Object.assign(vals, result, auto);
        for (let j = 0; j < vals.length; j++) {
          vals[j] = Math.max(forcedMin, vals[j] || 0);
        }
      };
    }
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/src/table.js
var require_table = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/src/table.js'(
    exports,
    module,
  ) {
    var debug = require_debug();
    var utils = require_utils();
    var tableLayout = require_layout_manager();
    var Table2 = class extends Array {
      constructor(opts) {
        super();
        const options = utils.mergeOptions(opts);
        Object.defineProperty(this, 'options', {
          value: options,
          enumerable: options.debug,
        });
        if (options.debug) {
          switch (typeof options.debug) {
            case 'boolean':
              debug.setDebugLevel(debug.WARN);
              break;
            case 'number':
              debug.setDebugLevel(options.debug);
              break;
            case 'string':
              debug.setDebugLevel(parseInt(options.debug, 10));
              break;
            default:
              debug.setDebugLevel(debug.WARN);
              debug.warn(
                `Debug option is expected to be boolean, number, or string. Received a ${typeof options.debug}`,
              );
          }
          Object.defineProperty(this, 'messages', {
            get() {
              return debug.debugMessages();
            },
          });
        }
      }
      toString() {
        let array = this;
        const headersPresent = this.options.head && this.options.head.length;
        if (headersPresent) {
          array = [this.options.head];
          if (this.length) {
            array.push.apply(array, this);
          }
        } else {
          this.options.style.head = [];
        }
        const cells = tableLayout.makeTableLayout(array);
        cells.forEach(function (row) {
          row.forEach(function (cell) {
            cell.mergeTableOptions(this.options, cells);
          }, this);
        }, this);
        tableLayout.computeWidths(this.options.colWidths, cells);
        tableLayout.computeHeights(this.options.rowHeights, cells);
        cells.forEach(function (row) {
          row.forEach(function (cell) {
            cell.init(this.options);
          }, this);
        }, this);
        const result = [];
        for (let rowIndex = 0; rowIndex < cells.length; rowIndex++) {
          const row = cells[rowIndex];
          const heightOfRow = this.options.rowHeights[rowIndex];
          if (rowIndex === 0 || !this.options.style.compact || (rowIndex == 1 && headersPresent)) {
            doDraw(row, 'top', result);
          }
          for (let lineNum = 0; lineNum < heightOfRow; lineNum++) {
            doDraw(row, lineNum, result);
          }
          if (rowIndex + 1 == cells.length) {
            doDraw(row, 'bottom', result);
          }
        }
        return result.join('\n');
      }
      get width() {
        const str = this.toString().split('\n');
        return str[0].length;
      }
    };
    Table2.reset = () => debug.reset();
    function doDraw(row, lineNum, result) {
      const line = [];
      row.forEach((cell) => {
        line.push(cell.draw(lineNum));
      });
      const str = line.join('');
      if (str.length) result.push(str);
    }
    module.exports = Table2;
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/index.js
var require_cli_table3 = __commonJS({
  '../../work/wt/cold-start/node_modules/.pnpm/cli-table3@0.6.5/node_modules/cli-table3/index.js'(
    exports,
    module,
  ) {
    module.exports = require_table();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/output/table.js
function renderTable(head, rows, align = []) {
  const table = new import_cli_table3.default({
    head: head.map((heading) => heading.toUpperCase()),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: head.map((_, index) => align[index] ?? 'left'),
  });
  for (const row of rows) table.push(row.map((cell) => (cell === void 0 || cell === '' ? '-' : cell)));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
function renderFields(fields, indent = '') {
  const width = Math.max(...fields.map(([label]) => label.length));
  return fields
    .map(([label, value]) => `${indent}${label.padEnd(width)}  ${value === void 0 ? '-' : value}`)
    .join('\n');
}
var import_cli_table3, PLAIN_CHARS;
var init_table = __esm({
  '../../work/wt/cold-start/packages/cli/dist/output/table.js'() {
    import_cli_table3 = __toESM(require_cli_table3(), 1);
    PLAIN_CHARS = {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    };
  },
});

// ../../work/wt/cold-start/packages/cli/dist/output/hosts.js
function inboundOf(host) {
  return host.inbound;
}
function specMismatchOf(host) {
  const found = host.specMismatch;
  return Array.isArray(found) ? found.filter((field) => typeof field === 'string') : [];
}
function hostView(host) {
  const inbound = inboundOf(host);
  return {
    ref: formatHostReference(host.provider, host.id),
    id: host.id,
    provider: host.provider,
    name: host.name,
    owner: host.owner,
    status: host.status,
    nativeStatus: host.nativeStatus,
    ipv4: host.ipv4 ?? null,
    ipv6: host.ipv6 ?? null,
    region: host.region,
    plan: host.plan,
    tags: host.tags,
    createdAt: host.createdAt ?? null,
    expiresAt: host.expiresAt ?? null,
    price: host.price ?? null,
    firewalled: host.firewalled,
    inbound:
      inbound === void 0
        ? null
        : inbound === 'all'
          ? 'all'
          : inbound.map((rule) => ({
              from: rule.from,
              to: rule.to ?? rule.from,
              protocol: rule.protocol ?? 'tcp',
            })),
    error: host.error ?? null,
  };
}
function formatPrice(price) {
  if (price === void 0) return void 0;
  return `${price.monthly.toFixed(2)} ${price.currency}/month`;
}
function formatDate(date) {
  if (date === void 0) return void 0;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function formatTags(tags) {
  return Object.entries(tags)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}
function formatInbound(inbound) {
  if (inbound === void 0) return void 0;
  if (inbound === 'all') return 'all ports';
  return inbound.length === 0 ? 'none' : inbound.map(formatPortRule).join(', ');
}
function renderHost(host) {
  const inbound = formatInbound(inboundOf(host));
  return renderFields([
    ['ref', formatHostReference(host.provider, host.id)],
    ['name', host.name],
    ['owner', host.owner],
    ['status', host.status === 'error' ? `error: ${host.error ?? host.nativeStatus}` : host.status],
    ['cloud status', host.nativeStatus],
    ['ipv4', host.ipv4],
    ['ipv6', host.ipv6],
    ['region', host.region],
    ['plan', host.plan],
    ['price', formatPrice(host.price)],
    ['firewalled', host.firewalled ? 'yes (per-host firewall)' : 'no (cloud default networking)'],
    ...(inbound === void 0 ? [] : [['inbound', inbound]]),
    ['tags', formatTags(host.tags) || void 0],
    ['created', formatDate(host.createdAt)],
    ['expires', formatDate(host.expiresAt)],
  ]);
}
function renderHostTable(hosts) {
  return renderTable(
    ['ref', 'name', 'owner', 'status', 'ipv4', 'region', 'plan', 'expires'],
    hosts.map((host) => [
      formatHostReference(host.provider, host.id),
      host.name,
      host.owner,
      host.status,
      host.ipv4,
      host.region,
      host.plan,
      formatDate(host.expiresAt),
    ]),
  );
}
var init_hosts = __esm({
  '../../work/wt/cold-start/packages/cli/dist/output/hosts.js'() {
    init_host_reference();
    init_ports();
    init_table();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/parse/duration.js
function parseDuration(text) {
  const value = text.trim();
  if (!WHOLE.test(value)) {
    throw new UsageError(
      `"${text}" is not a duration.`,
      'Write a number with a unit: 250ms, 30s, 10m, 2h, 1d, or combined like 1h30m.',
    );
  }
  let total = 0;
  for (const match of value.matchAll(PART)) {
    total += Number(match[1]) * UNIT_MS[match[2]];
  }
  const ms = Math.round(total);
  if (ms <= 0) throw new UsageError(`"${text}" is not a positive duration.`);
  return ms;
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.max(0, Math.round(ms))}ms`;
  const seconds = Math.floor(ms / 1e3);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d${hours % 24}h`;
}
var UNIT_MS, PART, WHOLE;
var init_duration = __esm({
  '../../work/wt/cold-start/packages/cli/dist/parse/duration.js'() {
    init_usage_error();
    UNIT_MS = {
      ms: 1,
      s: 1e3,
      m: 6e4,
      h: 36e5,
      d: 864e5,
    };
    PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
    WHOLE = /^(\d+(?:\.\d+)?(ms|s|m|h|d))+$/;
  },
});

// ../../work/wt/cold-start/packages/cli/dist/parse/tags.js
function parseTag(text) {
  const index = text.indexOf('=');
  if (index <= 0) {
    throw new UsageError(`"${text}" is not a tag.`, 'Write tags as key=value, e.g. --tag team=web.');
  }
  return [text.slice(0, index), text.slice(index + 1)];
}
function collectTag(text, previous = {}) {
  const [key, value] = parseTag(text);
  const existing = previous[key];
  if (existing !== void 0 && existing !== value) {
    throw new UsageError(`Tag "${key}" is given twice with different values.`);
  }
  return { ...previous, [key]: value };
}
var init_tags2 = __esm({
  '../../work/wt/cold-start/packages/cli/dist/parse/tags.js'() {
    init_usage_error();
  },
});

// ../../work/wt/cold-start/packages/core/dist/discovery/find-plugin-packages.js
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

function readJson(path2) {
  try {
    return JSON.parse(readFileSync(path2, 'utf8'));
  } catch {
    return void 0;
  }
}
function listDir(path2) {
  try {
    return readdirSync(path2);
  } catch {
    return [];
  }
}
function entryOf(manifest) {
  const pick = (value) => {
    if (typeof value === 'string') return value;
    if (typeof value !== 'object' || value === null) return void 0;
    const conditions = value;
    for (const key of ['import', 'node', 'default']) {
      const found = pick(conditions[key]);
      if (found !== void 0) return found;
    }
    return void 0;
  };
  const exports = manifest.exports;
  const root = typeof exports === 'object' && exports !== null && '.' in exports ? exports['.'] : exports;
  return pick(root) ?? (typeof manifest.main === 'string' ? manifest.main : void 0);
}
function candidate(directory) {
  const manifest = readJson(join(directory, 'package.json'));
  const field = manifest?.provision;
  if (manifest === void 0 || typeof field?.provider !== 'string' || typeof manifest.name !== 'string')
    return void 0;
  const entry = entryOf(manifest);
  if (entry === void 0) return void 0;
  const real = realpathSync(directory);
  return {
    packageName: manifest.name,
    version: typeof manifest.version === 'string' ? manifest.version : '0.0.0',
    provider: field.provider,
    directory: real,
    entry: join(real, entry),
  };
}
function scanNodeModules(nodeModules) {
  const found = [];
  for (const name of listDir(nodeModules)) {
    if (name === '@provision') {
      for (const inner of listDir(join(nodeModules, name))) {
        if (OURS.test(inner))
          found.push(...[candidate(join(nodeModules, name, inner))].filter((item) => item !== void 0));
      }
    } else if (name.startsWith('@')) {
      for (const inner of listDir(join(nodeModules, name))) {
        if (THEIRS.test(inner))
          found.push(...[candidate(join(nodeModules, name, inner))].filter((item) => item !== void 0));
      }
    } else if (THEIRS.test(name)) {
      found.push(...[candidate(join(nodeModules, name))].filter((item) => item !== void 0));
    }
  }
  return found;
}
function findPluginPackages(from = [dirname(new URL(import.meta.url).pathname), process.cwd()]) {
  const byDirectory = /* @__PURE__ */ new Map();
  const visited = /* @__PURE__ */ new Set();
  for (const start of from) {
    for (let directory = start; ; directory = dirname(directory)) {
      const nodeModules = directory.endsWith('/node_modules') ? directory : join(directory, 'node_modules');
      if (!visited.has(nodeModules)) {
        visited.add(nodeModules);
        for (const found of scanNodeModules(nodeModules)) byDirectory.set(found.directory, found);
      }
      if (dirname(directory) === directory) break;
    }
  }
  return [...byDirectory.values()].sort(
    (a, b) => a.provider.localeCompare(b.provider) || a.packageName.localeCompare(b.packageName),
  );
}
var OURS, THEIRS;
var init_find_plugin_packages = __esm({
  '../../work/wt/cold-start/packages/core/dist/discovery/find-plugin-packages.js'() {
    OURS = /^provider-[a-z0-9-]+$/;
    THEIRS = /^provision-provider-[a-z0-9-]+$/;
  },
});

// ../../work/wt/cold-start/packages/core/dist/discovery/load-plugins.js
import { pathToFileURL } from 'node:url';

function isManifest(value, provider) {
  const candidate2 = value;
  return (
    typeof candidate2 === 'object' &&
    candidate2 !== null &&
    candidate2.id === provider &&
    typeof candidate2.load === 'function'
  );
}
async function loadPlugins(packages = findPluginPackages()) {
  const loaded = [];
  const failures = [];
  const before = registryConflicts().length;
  for (const pkg of packages) {
    let module;
    try {
      module = await import(pathToFileURL(pkg.entry).href);
    } catch (error) {
      failures.push({ package: pkg, reason: `could not be imported: ${error.message}` });
      continue;
    }
    if (getPlugin(pkg.provider) === void 0) {
      const manifest = Object.values(module).find((value) => isManifest(value, pkg.provider));
      if (manifest !== void 0) registerPlugin(manifest);
    }
    const registered = getPlugin(pkg.provider);
    if (registered === void 0) {
      failures.push({
        package: pkg,
        reason: `declares provider "${pkg.provider}" but registered no plugin with that id`,
      });
    } else if (registered.packageName === pkg.packageName) {
      loaded.push(pkg);
    } else if (!registryConflicts().some((conflict) => conflict.rejected.startsWith(`${pkg.packageName}@`))) {
      failures.push({ package: pkg, reason: `its manifest says it is ${registered.packageName}` });
    }
  }
  const conflicts = registryConflicts()
    .slice(before)
    .map((conflict) => ({ provider: conflict.id, kept: conflict.kept, rejected: conflict.rejected }));
  return { loaded, conflicts, failures };
}
var init_load_plugins = __esm({
  '../../work/wt/cold-start/packages/core/dist/discovery/load-plugins.js'() {
    init_registry();
    init_find_plugin_packages();
  },
});

// ../../work/wt/cold-start/packages/core/dist/discovery/index.js
var init_discovery = __esm({
  '../../work/wt/cold-start/packages/core/dist/discovery/index.js'() {
    init_find_plugin_packages();
    init_load_plugins();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/providers.js
import { readFileSync as readFileSync2 } from 'node:fs';
import { dirname as dirname2, join as join2 } from 'node:path';
import { fileURLToPath } from 'node:url';

function discoveryRoots(cwd) {
  return [dirname2(fileURLToPath(import.meta.url)), cwd];
}
async function discoverProviders(cwd, env = {}) {
  const roots = discoveryRoots(cwd);
  const result = await loadPlugins(findPluginPackages(roots));
  const packages = /* @__PURE__ */ new Map();
  for (const pkg of result.loaded) packages.set(pkg.provider, pkg);
  const showFixtures = env[SHOW_FIXTURES_ENV] === '1';
  const plugins = [];
  const fixtures = [];
  for (const plugin of listPlugins()) {
    const pkg = packages.get(plugin.id);
    if (!showFixtures && pkg !== void 0 && isFixturePackage(pkg.directory)) fixtures.push(plugin);
    else plugins.push(plugin);
  }
  return { plugins, fixtures, packages, conflicts: result.conflicts, failures: result.failures, roots };
}
function isFixturePackage(directory) {
  try {
    const manifest = JSON.parse(readFileSync2(join2(directory, 'package.json'), 'utf8'));
    return manifest.provision?.fixture === true;
  } catch {
    return false;
  }
}
function distance(a, b) {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(above + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}
function closestMatch(value, known) {
  const simple = (text) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const exact = known.find((candidate2) => simple(candidate2) === simple(value));
  if (exact !== void 0) return exact;
  let best;
  for (const candidate2 of known) {
    const score = distance(simple(value), simple(candidate2));
    if (score <= Math.max(1, Math.floor(candidate2.length / 3)) && (best === void 0 || score < best.score))
      best = { candidate: candidate2, score };
  }
  return best?.candidate;
}
function requirePlugin(discovered, id) {
  const found = [...discovered.plugins, ...discovered.fixtures].find((plugin) => plugin.id === id);
  if (found !== void 0) return found;
  const failure = discovered.failures.find((item) => item.package.provider === id);
  if (failure !== void 0) {
    throw new UsageError(
      `Provider "${id}" is installed (${failure.package.packageName}) but ${failure.reason}.`,
      'Reinstall the package, or run `provision providers --debug` for details.',
    );
  }
  const installed = discovered.plugins.map((plugin) => plugin.id);
  const names = discovered.plugins.flatMap((plugin) => [plugin.id, plugin.displayName]);
  const near = closestMatch(id, names);
  const suggestion = discovered.plugins.find((plugin) => plugin.id === near || plugin.displayName === near);
  throw new UsageError(
    `Provider "${id}" is not installed${installed.length > 0 ? ` (installed: ${installed.join(', ')})` : ''}.`,
    suggestion !== void 0
      ? `Did you mean --provider ${suggestion.id}?`
      : `Install @provision/provider-${id} (or a third-party provision-provider-${id}) next to the CLI or in this project.`,
  );
}
function credentialsHelp(manifest) {
  return (
    manifest.credentialsHelp ?? (manifest.env.required.join(' or ') || 'the provider\u2019s credentials')
  );
}
async function credentialState(manifest, env) {
  const state2 = (name) => ({ name, set: (env[name] ?? '') !== '' });
  const required = manifest.env.required.map(state2);
  let ready = required.length === 0 || required.some((variable) => variable.set);
  if (manifest.hasCredentials !== void 0) {
    try {
      ready = (await manifest.hasCredentials(env)) === true;
    } catch {
      ready = false;
    }
  }
  return { required, optional: manifest.env.optional.map(state2), ready, help: credentialsHelp(manifest) };
}
function realEnvironment(env) {
  return { env, served: void 0, close: async () => {} };
}
async function emulatorEnvironment(roots) {
  const { discoverEmulatedClouds, startEmulator } = await import('@provision/emulator');
  const { clouds } = await discoverEmulatedClouds({ from: roots });
  const emulator = await startEmulator({ clouds });
  return {
    env: { ...emulator.env },
    served: emulator.endpoints.map((endpoint) => endpoint.provider),
    close: () => emulator.close(),
  };
}
function openProvisioner(manifest, environment, logger) {
  if (environment.served !== void 0 && !environment.served.includes(manifest.id)) {
    throw new UsageError(
      `The emulator has no fake for provider "${manifest.id}".`,
      `It serves: ${environment.served.join(', ') || 'nothing'}. Drop --emulator to use the real cloud.`,
    );
  }
  return createProvisioner(manifest, {}, { env: environment.env, logger });
}
var SHOW_FIXTURES_ENV;
var init_providers = __esm({
  '../../work/wt/cold-start/packages/cli/dist/providers.js'() {
    init_dist();
    init_discovery();
    init_usage_error();
    SHOW_FIXTURES_ENV = 'PROVISION_SHOW_FIXTURES';
  },
});

// ../../work/wt/cold-start/packages/cli/dist/output/json.js
function renderJson(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}
var init_json = __esm({
  '../../work/wt/cold-start/packages/cli/dist/output/json.js'() {},
});

// ../../work/wt/cold-start/packages/cli/dist/context.js
function createContext(io, options, signal, redactor) {
  let discovered;
  let known;
  const environments = [];
  const line = (prefix) => (message) =>
    io.stderr.write(`${prefix}: ${message}
`);
  const debugLine = (message, fields) => {
    if (options.debug)
      io.stderr.write(`debug: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}
`);
  };
  const warn = line('warning');
  return {
    io,
    options,
    signal,
    logger: { debug: debugLine, warn: (message, fields) => debugLine(`(warning) ${message}`, fields) },
    discover() {
      discovered ??= discoverProviders(io.cwd, io.env).then((result) => {
        known = result;
        redactor.addProviderSecrets([...result.plugins, ...result.fixtures], io.env);
        for (const conflict of result.conflicts) {
          warn(
            `two packages provide "${conflict.provider}": using ${conflict.kept}, ignoring ${conflict.rejected}.`,
          );
        }
        for (const failure of result.failures) {
          debugLine(`plugin package ${failure.package.packageName} was not loaded: ${failure.reason}`);
        }
        return result;
      });
      return discovered;
    },
    async environment({ emulator }) {
      if (!emulator) return realEnvironment(io.env);
      const roots = (await this.discover()).roots;
      const environment = await emulatorEnvironment(roots);
      environments.push(environment);
      for (const value of Object.values(environment.env))
        if (!/^https?:/.test(value ?? '')) redactor.addValue(value);
      io.stderr.write('note: using an in-process emulator; its hosts disappear when this command exits.\n');
      return environment;
    },
    warn,
    note: line('note'),
    print(json, text) {
      if (options.output === 'json') io.stdout.write(renderJson(json));
      else
        io.stdout.write(`${text()}
`);
    },
    redactor,
    errorNotes: [],
    credentialsHelp(provider) {
      const manifest = [...(known?.plugins ?? []), ...(known?.fixtures ?? [])].find(
        (plugin) => plugin.id === provider,
      );
      return manifest === void 0 ? void 0 : credentialsHelp(manifest);
    },
    async close() {
      await Promise.allSettled(environments.splice(0).map((environment) => environment.close()));
    },
    exitCode: 0,
  };
}
var init_context = __esm({
  '../../work/wt/cold-start/packages/cli/dist/context.js'() {
    init_json();
    init_providers();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/runtime.js
function wrap(runtime, handler) {
  return async (...actionArgs) => {
    const command = actionArgs.at(-1);
    const options = command.optsWithGlobals();
    if (command.name() === 'emulator') runtime.io.stdout.enabled = false;
    const context = createContext(
      runtime.io,
      { output: options.output, debug: options.debug === true },
      runtime.signal,
      runtime.redactor,
    );
    runtime.current = context;
    try {
      await handler(context, options, command.args);
    } finally {
      await context.close();
    }
  };
}
var init_runtime = __esm({
  '../../work/wt/cold-start/packages/cli/dist/runtime.js'() {
    init_context();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/user-data.js
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

function tooLarge(what, size, limit) {
  return new UsageError(
    `The user-data ${what} is ${size}; ${limit.provider} accepts at most ${limit.maxBytes} bytes.`,
    'Shorten the script, or have it download the rest when the host boots.',
  );
}
async function readAll(stream, limit, what = 'on standard input') {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit.maxBytes) {
      stream.destroy();
      throw tooLarge(what, `over ${limit.maxBytes} bytes`, limit);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
function unreadable(source, error) {
  const code = error.code ?? 'unreadable';
  return new UsageError(
    `Cannot read the user-data file "${source}" (${code}).`,
    'Give a path to a cloud-init script, or - to read it from standard input.',
  );
}
async function readUserData(source, stdin, limit) {
  if (source === '-') return readAll(stdin, limit);
  let info;
  try {
    info = await stat(source);
  } catch (error) {
    throw unreadable(source, error);
  }
  if (info.isDirectory()) throw unreadable(source, { code: 'EISDIR' });
  if (info.isFile() && info.size > limit.maxBytes)
    throw tooLarge(`file "${source}"`, `${info.size} bytes`, limit);
  try {
    return info.isFile()
      ? await readFile(source, 'utf8')
      : await readAll(createReadStream(source), limit, `from "${source}"`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw unreadable(source, error);
  }
}
var init_user_data = __esm({
  '../../work/wt/cold-start/packages/cli/dist/user-data.js'() {
    init_usage_error();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/common-options.js
function parser(parse) {
  return (value, previous) => {
    try {
      return parse(value, previous);
    } catch (error) {
      if (error instanceof UsageError)
        throw new InvalidArgumentError(`${error.message}${error.hint ? ` ${error.hint}` : ''}`);
      throw error;
    }
  };
}
function addWaitOptions(command, waitFor) {
  return command
    .option('--wait', `wait until ${waitFor}, showing progress on stderr`)
    .addOption(
      new Option('--timeout <duration>', 'with --wait: give up after this long (exit code 3)')
        .argParser(parser(parseDuration))
        .default(10 * 6e4, '10m'),
    )
    .addOption(
      new Option(
        '--interval <duration>',
        'with --wait: first pause between polls, growing up to 15s (default: 2s, 500ms with --emulator)',
      ).argParser(parser(parseDuration)),
    );
}
function waitSettings(options) {
  const interval = options.interval ?? (options.emulator ? EMULATOR_INTERVAL_MS : DEFAULT_INTERVAL_MS);
  return { timeoutMs: options.timeout, intervalMs: interval };
}
function addEmulatorOption(command) {
  return command.option(
    '--emulator',
    'use a local emulator started inside this command instead of the real cloud; its hosts vanish when the command exits (for hosts that last across commands, run `provision emulator` and export the variables it prints)',
  );
}
function addProviderOption(command, description, required = false) {
  return required
    ? command.requiredOption('--provider <id>', description)
    : command.option('--provider <id>', description);
}
var DEFAULT_INTERVAL_MS, EMULATOR_INTERVAL_MS;
var init_common_options = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/common-options.js'() {
    init_commander();
    init_duration();
    init_usage_error();
    DEFAULT_INTERVAL_MS = 2e3;
    EMULATOR_INTERVAL_MS = 500;
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/create-dry-run.js
function describeImage(image, architecture) {
  const filled = image.replaceAll('{arch}', ARCH_NAMES[architecture ?? 'x86_64'] ?? architecture ?? 'amd64');
  if (/\{[^}]*\}/.test(filled)) return `${filled.replace(/\{[^}]*\}/g, '*')} (resolved when created)`;
  return filled;
}
function regionalPrice(manifest, planId, region) {
  const plan = manifest.catalog.plans.find((item) => item.id === planId);
  const checked = `the catalog checked ${manifest.catalog.checkedAt}`;
  if (plan === void 0) return { price: null, priceNote: `plan ${planId} is not in ${checked}` };
  if (plan.regions !== void 0 && !plan.regions.includes(region))
    return { price: null, priceNote: `plan ${planId} is not sold in ${region}, per ${checked}` };
  const priced = manifest.catalog.pricedRegions;
  if (priced !== void 0 && !priced.includes(region)) {
    return {
      price: null,
      priceNote: `${checked} has prices for ${priced.join(', ')} only (${formatPrice(plan.price)} there); ${region} costs differ`,
    };
  }
  return { price: plan.price, priceNote: null };
}
function dryRunView(manifest, resolved) {
  const plan = manifest.catalog.plans.find((item) => item.id === resolved.plan);
  const { userData, ttlMs } = resolved;
  const { price, priceNote } = regionalPrice(manifest, resolved.plan, resolved.region);
  return {
    provider: manifest.id,
    name: resolved.name,
    owner: resolved.owner,
    region: resolved.region,
    plan: resolved.plan,
    os: resolved.os,
    image: describeImage(resolved.image, plan?.architecture),
    tags: resolved.tags,
    inbound: resolved.inbound ?? null,
    options: resolved.options,
    userDataBytes: userData === void 0 ? 0 : Buffer.byteLength(userData, 'utf8'),
    ttlMs: ttlMs ?? null,
    expiresAt: ttlMs === void 0 ? null : new Date(Date.now() + ttlMs),
    price,
    priceNote,
    catalogCheckedAt: manifest.catalog.checkedAt,
  };
}
function renderDryRun(view) {
  const inbound =
    view.inbound === null
      ? 'cloud default networking'
      : view.inbound === 'all'
        ? 'all ports'
        : view.inbound.map(formatPortRule).join(', ');
  return renderFields([
    ['provider', view.provider],
    ['name', view.name],
    ['owner', view.owner],
    ['region', view.region],
    ['plan', view.plan],
    ['price', view.price === null ? `unknown: ${view.priceNote}` : formatPrice(view.price)],
    ['os', `${view.os} (image ${view.image})`],
    ['inbound', inbound],
    [
      'tags',
      Object.entries(view.tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(',') || void 0,
    ],
    ['user-data', view.userDataBytes === 0 ? 'none' : `${view.userDataBytes} bytes`],
    [
      'expires',
      view.ttlMs === null ? 'never' : `in ${formatDuration(view.ttlMs)} (${view.expiresAt?.toISOString()})`,
    ],
  ]);
}
var ARCH_NAMES;
var init_create_dry_run = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/create-dry-run.js'() {
    init_hosts();
    init_table();
    init_duration();
    init_ports();
    ARCH_NAMES = { x86_64: 'amd64', arm64: 'arm64' };
  },
});

// ../../work/wt/cold-start/packages/cli/dist/interrupted-error.js
var InterruptedError;
var init_interrupted_error = __esm({
  '../../work/wt/cold-start/packages/cli/dist/interrupted-error.js'() {
    InterruptedError = class extends Error {
      /** What was left running, for the hint line. */
      hint;
      constructor(message = 'Interrupted.', hint) {
        super(message);
        this.name = 'InterruptedError';
        this.hint = hint;
      }
    };
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/yoctocolors@2.2.0/node_modules/yoctocolors/base.js
var base_exports = {};
__export(base_exports, {
  bgBlack: () => bgBlack,
  bgBlue: () => bgBlue,
  bgBlueBright: () => bgBlueBright,
  bgCyan: () => bgCyan,
  bgCyanBright: () => bgCyanBright,
  bgGray: () => bgGray,
  bgGreen: () => bgGreen,
  bgGreenBright: () => bgGreenBright,
  bgMagenta: () => bgMagenta,
  bgMagentaBright: () => bgMagentaBright,
  bgRed: () => bgRed,
  bgRedBright: () => bgRedBright,
  bgWhite: () => bgWhite,
  bgWhiteBright: () => bgWhiteBright,
  bgYellow: () => bgYellow,
  bgYellowBright: () => bgYellowBright,
  black: () => black,
  blue: () => blue,
  blueBright: () => blueBright,
  bold: () => bold,
  cyan: () => cyan,
  cyanBright: () => cyanBright,
  dim: () => dim,
  gray: () => gray,
  green: () => green,
  greenBright: () => greenBright,
  hidden: () => hidden,
  inverse: () => inverse,
  italic: () => italic,
  magenta: () => magenta,
  magentaBright: () => magentaBright,
  overline: () => overline,
  red: () => red,
  redBright: () => redBright,
  reset: () => reset,
  strikethrough: () => strikethrough,
  underline: () => underline,
  underlineBlack: () => underlineBlack,
  underlineBlue: () => underlineBlue,
  underlineBlueBright: () => underlineBlueBright,
  underlineCurly: () => underlineCurly,
  underlineCyan: () => underlineCyan,
  underlineCyanBright: () => underlineCyanBright,
  underlineDashed: () => underlineDashed,
  underlineDotted: () => underlineDotted,
  underlineDouble: () => underlineDouble,
  underlineGray: () => underlineGray,
  underlineGreen: () => underlineGreen,
  underlineGreenBright: () => underlineGreenBright,
  underlineMagenta: () => underlineMagenta,
  underlineMagentaBright: () => underlineMagentaBright,
  underlineRed: () => underlineRed,
  underlineRedBright: () => underlineRedBright,
  underlineWhite: () => underlineWhite,
  underlineWhiteBright: () => underlineWhiteBright,
  underlineYellow: () => underlineYellow,
  underlineYellowBright: () => underlineYellowBright,
  white: () => white,
  whiteBright: () => whiteBright,
  yellow: () => yellow,
  yellowBright: () => yellowBright,
});

import tty from 'node:tty';

var hasColors,
  format,
  reset,
  bold,
  dim,
  italic,
  underline,
  underlineDouble,
  underlineCurly,
  underlineDotted,
  underlineDashed,
  overline,
  inverse,
  hidden,
  strikethrough,
  black,
  red,
  green,
  yellow,
  blue,
  magenta,
  cyan,
  white,
  gray,
  bgBlack,
  bgRed,
  bgGreen,
  bgYellow,
  bgBlue,
  bgMagenta,
  bgCyan,
  bgWhite,
  bgGray,
  redBright,
  greenBright,
  yellowBright,
  blueBright,
  magentaBright,
  cyanBright,
  whiteBright,
  bgRedBright,
  bgGreenBright,
  bgYellowBright,
  bgBlueBright,
  bgMagentaBright,
  bgCyanBright,
  bgWhiteBright,
  underlineBlack,
  underlineRed,
  underlineGreen,
  underlineYellow,
  underlineBlue,
  underlineMagenta,
  underlineCyan,
  underlineWhite,
  underlineGray,
  underlineRedBright,
  underlineGreenBright,
  underlineYellowBright,
  underlineBlueBright,
  underlineMagentaBright,
  underlineCyanBright,
  underlineWhiteBright;
var init_base = __esm({
  '../../work/wt/cold-start/node_modules/.pnpm/yoctocolors@2.2.0/node_modules/yoctocolors/base.js'() {
    hasColors = tty?.WriteStream?.prototype?.hasColors?.() ?? false;
    format = (open, close) => {
      if (!hasColors) {
        return (input) => input;
      }
      const openCode = `\x1B[${open}m`;
      const closeCode = `\x1B[${close}m`;
      return (input) => {
        const string = input + '';
        let index = string.indexOf(closeCode);
        if (index === -1) {
          return openCode + string + closeCode;
        }
        let result = openCode;
        let lastIndex = 0;
        const reopenOnNestedClose = close === 22;
        const replaceCode = (reopenOnNestedClose ? closeCode : '') + openCode;
        while (index !== -1) {
          result += string.slice(lastIndex, index) + replaceCode;
          lastIndex = index + closeCode.length;
          index = string.indexOf(closeCode, lastIndex);
        }
        result += string.slice(lastIndex) + closeCode;
        return result;
      };
    };
    reset = format(0, 0);
    bold = format(1, 22);
    dim = format(2, 22);
    italic = format(3, 23);
    underline = format(4, 24);
    underlineDouble = format('4:2', 24);
    underlineCurly = format('4:3', 24);
    underlineDotted = format('4:4', 24);
    underlineDashed = format('4:5', 24);
    overline = format(53, 55);
    inverse = format(7, 27);
    hidden = format(8, 28);
    strikethrough = format(9, 29);
    black = format(30, 39);
    red = format(31, 39);
    green = format(32, 39);
    yellow = format(33, 39);
    blue = format(34, 39);
    magenta = format(35, 39);
    cyan = format(36, 39);
    white = format(37, 39);
    gray = format(90, 39);
    bgBlack = format(40, 49);
    bgRed = format(41, 49);
    bgGreen = format(42, 49);
    bgYellow = format(43, 49);
    bgBlue = format(44, 49);
    bgMagenta = format(45, 49);
    bgCyan = format(46, 49);
    bgWhite = format(47, 49);
    bgGray = format(100, 49);
    redBright = format(91, 39);
    greenBright = format(92, 39);
    yellowBright = format(93, 39);
    blueBright = format(94, 39);
    magentaBright = format(95, 39);
    cyanBright = format(96, 39);
    whiteBright = format(97, 39);
    bgRedBright = format(101, 49);
    bgGreenBright = format(102, 49);
    bgYellowBright = format(103, 49);
    bgBlueBright = format(104, 49);
    bgMagentaBright = format(105, 49);
    bgCyanBright = format(106, 49);
    bgWhiteBright = format(107, 49);
    underlineBlack = format('58;5;0', 59);
    underlineRed = format('58;5;1', 59);
    underlineGreen = format('58;5;2', 59);
    underlineYellow = format('58;5;3', 59);
    underlineBlue = format('58;5;4', 59);
    underlineMagenta = format('58;5;5', 59);
    underlineCyan = format('58;5;6', 59);
    underlineWhite = format('58;5;7', 59);
    underlineGray = format('58;5;8', 59);
    underlineRedBright = format('58;5;9', 59);
    underlineGreenBright = format('58;5;10', 59);
    underlineYellowBright = format('58;5;11', 59);
    underlineBlueBright = format('58;5;12', 59);
    underlineMagentaBright = format('58;5;13', 59);
    underlineCyanBright = format('58;5;14', 59);
    underlineWhiteBright = format('58;5;15', 59);
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/yoctocolors@2.2.0/node_modules/yoctocolors/index.js
var init_yoctocolors = __esm({
  '../../work/wt/cold-start/node_modules/.pnpm/yoctocolors@2.2.0/node_modules/yoctocolors/index.js'() {
    init_base();
    init_base();
  },
});

// ../../work/wt/cold-start/node_modules/.pnpm/yocto-spinner@1.2.2/node_modules/yocto-spinner/index.js
import process3 from 'node:process';
import { stripVTControlCharacters as stripVTControlCharacters3 } from 'node:util';

function yoctoSpinner(options) {
  return new YoctoSpinner(options);
}
var isUnicodeSupported,
  isInteractive,
  infoSymbol,
  successSymbol,
  warningSymbol,
  errorSymbol,
  defaultSpinner,
  SYNCHRONIZED_OUTPUT_ENABLE,
  SYNCHRONIZED_OUTPUT_DISABLE,
  oscSequenceRegex,
  activeHooksPerStream,
  YoctoSpinner;
var init_yocto_spinner = __esm({
  '../../work/wt/cold-start/node_modules/.pnpm/yocto-spinner@1.2.2/node_modules/yocto-spinner/index.js'() {
    init_yoctocolors();
    isUnicodeSupported =
      process3.platform !== 'win32' ||
      Boolean(process3.env.WT_SESSION) ||
      process3.env.TERM_PROGRAM === 'vscode';
    isInteractive = (stream) =>
      Boolean(stream.isTTY && process3.env.TERM !== 'dumb' && !('CI' in process3.env));
    infoSymbol = base_exports.blue(isUnicodeSupported ? '\u2139' : 'i');
    successSymbol = base_exports.green(isUnicodeSupported ? '\u2714' : '\u221A');
    warningSymbol = base_exports.yellow(isUnicodeSupported ? '\u26A0' : '\u203C');
    errorSymbol = base_exports.red(isUnicodeSupported ? '\u2716' : '\xD7');
    defaultSpinner = {
      frames: isUnicodeSupported
        ? ['\u280B', '\u2819', '\u2839', '\u2838', '\u283C', '\u2834', '\u2826', '\u2827', '\u2807', '\u280F']
        : ['-', '\\', '|', '/'],
      interval: 80,
    };
    SYNCHRONIZED_OUTPUT_ENABLE = '\x1B[?2026h';
    SYNCHRONIZED_OUTPUT_DISABLE = '\x1B[?2026l';
    oscSequenceRegex = /][\s\S]*?(?:|\\)/g;
    activeHooksPerStream = /* @__PURE__ */ new Set();
    YoctoSpinner = class {
      #frames;
      #interval;
      #currentFrame = -1;
      #timer;
      #handleSignals;
      #text;
      #stream;
      #color;
      #lines = 0;
      #exitHandlerBound;
      #isInteractive;
      #lastSpinnerFrameTime = 0;
      #isSpinning = false;
      #hookedStreams = /* @__PURE__ */ new Map();
      #isInternalWrite = false;
      #isDeferringRender = false;
      constructor(options = {}) {
        const spinner = options.spinner ?? defaultSpinner;
        if (
          !Array.isArray(spinner.frames) ||
          spinner.frames.length === 0 ||
          spinner.frames.some((frame) => typeof frame !== 'string')
        ) {
          throw new Error('The `spinner.frames` option must be a non-empty array of strings');
        }
        if (spinner.interval !== void 0 && !(Number.isInteger(spinner.interval) && spinner.interval > 0)) {
          throw new Error('The `spinner.interval` option must be a positive integer');
        }
        this.#frames = spinner.frames;
        this.#interval = spinner.interval ?? defaultSpinner.interval;
        this.#handleSignals = options.handleSignals ?? true;
        this.#text = options.text ?? '';
        this.#stream = options.stream ?? process3.stderr;
        this.#color = options.color ?? 'cyan';
        this.#isInteractive = isInteractive(this.#stream);
        this.#exitHandlerBound = this.#exitHandler.bind(this);
      }
      #internalWrite(action) {
        this.#isInternalWrite = true;
        try {
          return action();
        } finally {
          this.#isInternalWrite = false;
        }
      }
      #stringifyChunk(chunk, encoding) {
        if (chunk === void 0 || chunk === null) {
          return '';
        }
        if (typeof chunk === 'string') {
          return chunk;
        }
        if (Buffer.isBuffer(chunk) || ArrayBuffer.isView(chunk)) {
          const normalizedEncoding =
            typeof encoding === 'string' && encoding !== '' && encoding !== 'buffer' ? encoding : 'utf8';
          return Buffer.from(chunk).toString(normalizedEncoding);
        }
        return String(chunk);
      }
      #withSynchronizedOutput(action) {
        if (!this.#isInteractive) {
          return action();
        }
        try {
          this.#write(SYNCHRONIZED_OUTPUT_ENABLE);
          return action();
        } finally {
          this.#write(SYNCHRONIZED_OUTPUT_DISABLE);
        }
      }
      #hookStream(stream) {
        if (!stream || this.#hookedStreams.has(stream) || typeof stream.write !== 'function') {
          return;
        }
        if (activeHooksPerStream.has(stream)) {
          return;
        }
        const originalWrite = stream.write;
        const hookedWrite = (...writeArguments) => this.#hookedWrite(stream, originalWrite, writeArguments);
        this.#hookedStreams.set(stream, { originalWrite, hookedWrite });
        activeHooksPerStream.add(stream);
        stream.write = hookedWrite;
      }
      #installHook() {
        if (!this.#isInteractive || this.#hookedStreams.size > 0) {
          return;
        }
        const streamsToHook = /* @__PURE__ */ new Set([this.#stream]);
        if (this.#stream === process3.stdout || this.#stream === process3.stderr) {
          if (isInteractive(process3.stdout)) {
            streamsToHook.add(process3.stdout);
          }
          if (isInteractive(process3.stderr)) {
            streamsToHook.add(process3.stderr);
          }
        }
        for (const stream of streamsToHook) {
          this.#hookStream(stream);
        }
      }
      #uninstallHook() {
        for (const [stream, hookInfo] of this.#hookedStreams) {
          if (stream.write === hookInfo.hookedWrite) {
            stream.write = hookInfo.originalWrite;
          }
          activeHooksPerStream.delete(stream);
        }
        this.#hookedStreams.clear();
      }
      #hookedWrite(stream, originalWrite, writeArguments) {
        const [chunk, encoding, callback] = writeArguments;
        let resolvedEncoding = encoding;
        let resolvedCallback = callback;
        if (typeof resolvedEncoding === 'function') {
          resolvedCallback = resolvedEncoding;
          resolvedEncoding = void 0;
        }
        if (this.#isInternalWrite || !this.isSpinning) {
          return originalWrite.call(stream, chunk, resolvedEncoding, resolvedCallback);
        }
        if (this.#lines > 0) {
          this.clear();
        }
        const chunkString = this.#stringifyChunk(chunk, resolvedEncoding);
        const chunkTerminatesLine = chunkString.at(-1) === '\n';
        const writeResult = originalWrite.call(stream, chunk, resolvedEncoding, resolvedCallback);
        if (chunkTerminatesLine) {
          this.#isDeferringRender = false;
        } else if (chunkString !== '') {
          this.#isDeferringRender = true;
        }
        if (this.isSpinning && !this.#isDeferringRender) {
          this.#render();
        }
        return writeResult;
      }
      start(text) {
        if (text) {
          this.#text = text;
        }
        if (this.isSpinning) {
          return this;
        }
        this.#isSpinning = true;
        this.#hideCursor();
        this.#installHook();
        this.#render();
        this.#subscribeToProcessEvents();
        if (this.#isInteractive) {
          this.#timer = setInterval(() => {
            this.#render();
          }, this.#interval);
        }
        return this;
      }
      stop(finalText) {
        if (!this.isSpinning) {
          return this;
        }
        const shouldWriteNewline = this.#isDeferringRender;
        this.#isSpinning = false;
        if (this.#timer) {
          clearInterval(this.#timer);
          this.#timer = void 0;
        }
        this.#isDeferringRender = false;
        this.#uninstallHook();
        this.#showCursor();
        this.clear();
        this.#unsubscribeFromProcessEvents();
        if (finalText) {
          const prefix = shouldWriteNewline ? '\n' : '';
          this.#stream.write(`${prefix}${finalText}
`);
        }
        return this;
      }
      #symbolStop(symbol, text) {
        return this.stop(`${symbol} ${text ?? this.#text}`);
      }
      success(text) {
        return this.#symbolStop(successSymbol, text);
      }
      error(text) {
        return this.#symbolStop(errorSymbol, text);
      }
      warning(text) {
        return this.#symbolStop(warningSymbol, text);
      }
      info(text) {
        return this.#symbolStop(infoSymbol, text);
      }
      get isSpinning() {
        return this.#isSpinning;
      }
      get text() {
        return this.#text;
      }
      set text(value) {
        this.#text = value ?? '';
        this.#render();
      }
      get color() {
        return this.#color;
      }
      set color(value) {
        this.#color = value;
        this.#render();
      }
      clear() {
        if (!this.#isInteractive) {
          return this;
        }
        if (this.#lines === 0) {
          return this;
        }
        this.#internalWrite(() => {
          this.#stream.cursorTo(0);
          for (let index = 0; index < this.#lines; index++) {
            if (index > 0) {
              this.#stream.moveCursor(0, -1);
            }
            this.#stream.clearLine(1);
          }
        });
        this.#lines = 0;
        return this;
      }
      #render() {
        if (this.#isDeferringRender) {
          return;
        }
        const useSynchronizedOutput = this.#isInteractive;
        const now = Date.now();
        if (this.#currentFrame === -1 || now - this.#lastSpinnerFrameTime >= this.#interval) {
          this.#currentFrame = ++this.#currentFrame % this.#frames.length;
          this.#lastSpinnerFrameTime = now;
        }
        const applyColor = base_exports[this.#color] ?? base_exports.cyan;
        const frame = this.#frames[this.#currentFrame];
        let string = `${applyColor(frame)} ${this.#text}`;
        if (!this.#isInteractive) {
          string += '\n';
        }
        if (useSynchronizedOutput) {
          this.#withSynchronizedOutput(() => {
            this.clear();
            this.#write(string);
          });
        } else {
          this.#write(string);
        }
        if (this.#isInteractive) {
          this.#lines = this.#lineCount(string);
        }
      }
      #write(text) {
        this.#internalWrite(() => {
          this.#stream.write(text);
        });
      }
      #lineCount(text) {
        const width = this.#stream.columns || 80;
        const lines = stripVTControlCharacters3(text.replaceAll(oscSequenceRegex, '')).split('\n');
        let lineCount = 0;
        for (const line of lines) {
          lineCount += Math.max(1, Math.ceil(line.length / width));
        }
        return lineCount;
      }
      #hideCursor() {
        if (this.#isInteractive) {
          this.#write('\x1B[?25l');
        }
      }
      #showCursor() {
        if (this.#isInteractive) {
          this.#write('\x1B[?25h');
        }
      }
      #subscribeToProcessEvents() {
        if (!this.#handleSignals) {
          return;
        }
        process3.once('SIGINT', this.#exitHandlerBound);
        process3.once('SIGTERM', this.#exitHandlerBound);
      }
      #unsubscribeFromProcessEvents() {
        if (!this.#handleSignals) {
          return;
        }
        process3.off('SIGINT', this.#exitHandlerBound);
        process3.off('SIGTERM', this.#exitHandlerBound);
      }
      #exitHandler(signal) {
        if (this.isSpinning) {
          this.stop();
        }
        const exitCode = signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1;
        process3.exit(exitCode);
      }
    };
  },
});

// ../../work/wt/cold-start/packages/cli/dist/output/progress.js
function startProgress(stream, label, env) {
  const started = Date.now();
  const states = [];
  const elapsed = () => formatDuration(Date.now() - started);
  const interactive = stream.isTTY === true && env.TERM !== 'dumb' && !('CI' in env);
  if (!interactive) {
    return {
      update(state2) {
        if (states.at(-1) === state2) return;
        states.push(state2);
        stream.write(`${label}: ${state2} (${elapsed()})
`);
      },
      succeed(message) {
        stream.write(`${message} (${elapsed()})
`);
      },
      stop() {},
    };
  }
  const text = () => `${label}: ${states.length === 0 ? 'waiting' : states.join(' \u2192 ')}  ${elapsed()}`;
  const spinner = yoctoSpinner({ stream, handleSignals: false, text: text() }).start();
  const timer = setInterval(() => {
    spinner.text = text();
  }, 1e3);
  timer.unref();
  return {
    update(state2) {
      if (states.at(-1) !== state2) states.push(state2);
      spinner.text = text();
    },
    succeed(message) {
      clearInterval(timer);
      spinner.success(`${message} (${elapsed()})`);
    },
    stop() {
      clearInterval(timer);
      spinner.error(text());
    },
  };
}
var init_progress = __esm({
  '../../work/wt/cold-start/packages/cli/dist/output/progress.js'() {
    init_yocto_spinner();
    init_duration();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/waiting.js
function interrupted(ref, doing) {
  return new InterruptedError(
    'Interrupted while waiting.',
    `Nothing was undone: ${ref} ${doing}. Run the command again to keep waiting.`,
  );
}
async function waitWithProgress(context, provisioner, host, until, settings, leaving) {
  const ref = formatHostReference(host.provider, host.id);
  const progress = startProgress(context.io.stderr, `${host.name} (${ref})`, context.io.env);
  progress.update(host.status);
  let moved = false;
  const onStatus = (status) => {
    if (leaving !== void 0 && !moved && status === leaving && host.status !== leaving) return;
    if (status !== host.status) moved = true;
    progress.update(status);
  };
  try {
    const final = await waitForHost(provisioner, host.id, {
      until,
      timeout: settings.timeoutMs,
      interval: settings.intervalMs,
      maxInterval: Math.max(settings.intervalMs, MAX_INTERVAL_MS),
      signal: context.signal,
      onProgress: (event) => onStatus(event.host.status),
    });
    progress.succeed(`${host.name} is ${final.status}${final.ipv4 ? ` at ${final.ipv4}` : ''}`);
    return final;
  } catch (error) {
    progress.stop();
    if (error instanceof InterruptedError) throw interrupted(ref, 'is still there');
    throw error;
  }
}
function foundOf(result) {
  const found = result.found;
  return typeof found === 'boolean' ? found : void 0;
}
async function repeatUntilDone(context, once, settings) {
  const deadline = Date.now() + settings.timeoutMs;
  let interval = settings.intervalMs;
  let calls = 0;
  let errorsInRow = 0;
  let found;
  let answered = false;
  const progress =
    settings.wait && !settings.quiet
      ? startProgress(context.io.stderr, settings.label, context.io.env)
      : void 0;
  try {
    for (;;) {
      if (context.signal.aborted) throw context.signal.reason;
      let pause = interval;
      try {
        calls++;
        const result = await once();
        errorsInRow = 0;
        if (!answered) found = foundOf(result);
        answered = true;
        if (result.done || !settings.wait) {
          progress?.succeed(
            found === false
              ? `${settings.label}: nothing found to delete`
              : `${settings.label}: ${result.done ? 'deleted' : 'deleting'}`,
          );
          return { ...result, calls, found };
        }
        const remaining = result.remaining ?? [];
        progress?.update(remaining.length > 0 ? `deleting (${remaining.join(', ')})` : 'deleting');
      } catch (error) {
        if (!ProvisionError.isInstance(error) || !error.retryable || ++errorsInRow > MAX_ERRORS_IN_ROW)
          throw error;
        const retryAfter = error.retryAfterMs;
        if (retryAfter !== void 0) pause = Math.max(pause, retryAfter);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new WaitTimeoutError(
          `${settings.label} was not fully deleted within ${formatDuration(settings.timeoutMs)}.`,
          {
            provider: settings.provider,
            operation: 'delete',
            lastStatus: 'deleting',
            hint: 'Run the delete again later; it picks up where this one stopped.',
          },
        );
      }
      await sleep(Math.min(pause, left), context.signal);
      interval = Math.min(interval * 1.5, Math.max(settings.intervalMs, MAX_INTERVAL_MS));
    }
  } catch (error) {
    progress?.stop();
    if (error instanceof InterruptedError) throw interrupted(settings.label, 'may still be partly there');
    throw error;
  }
}
function deleteUntilDone(context, provisioner, ref, settings) {
  let current = ref;
  return repeatUntilDone(
    context,
    async () => {
      const result = await provisioner.delete(current, { signal: context.signal });
      if (result.id !== void 0) current = { id: result.id };
      return result;
    },
    { ...settings, provider: provisioner.provider },
  );
}
var MAX_INTERVAL_MS, MAX_ERRORS_IN_ROW;
var init_waiting = __esm({
  '../../work/wt/cold-start/packages/cli/dist/waiting.js'() {
    init_dist();
    init_interrupted_error();
    init_progress();
    init_duration();
    init_host_reference();
    MAX_INTERVAL_MS = 15e3;
    MAX_ERRORS_IN_ROW = 5;
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/create-outcome.js
function listCommand(target) {
  return `\`provision list --provider ${target.provider} --owner ${target.owner}\``;
}
function beforeAnyRequest(error) {
  return (
    error instanceof UsageError ||
    InvalidRequestError.isInstance(error) ||
    UnsupportedError.isInstance(error) ||
    MissingCredentialsError.isInstance(error)
  );
}
async function findAfterInterrupt(provisioner, target) {
  if (provisioner.list === void 0) return `Whether ${target.name} exists could not be checked.`;
  try {
    const hosts = await provisioner.list(
      { owner: target.owner },
      { signal: AbortSignal.timeout(CHECK_AFTER_INTERRUPT_MS) },
    );
    const found = hosts.find((host) => host.name === target.name);
    if (found === void 0)
      return `No host named ${target.name} exists yet (checked just now); a firewall or security group left without its host is deleted by \`provision gc\`.`;
    const ref = formatHostReference(found.provider, found.id);
    return `${ref} exists (${found.status}, checked just now); \`provision delete ${ref} --wait\` deletes it.`;
  } catch {
    return `Whether ${target.name} exists could not be checked: ${listCommand(target)} shows it.`;
  }
}
async function createHost(context, provisioner, spec, target) {
  const progress = startProgress(context.io.stderr, `${target.name} (${target.provider})`, context.io.env);
  progress.update('creating');
  try {
    const host = await provisioner.provision(spec, { signal: context.signal });
    progress.succeed(`${target.name}: ${formatHostReference(host.provider, host.id)} is ${host.status}`);
    return host;
  } catch (error) {
    progress.stop();
    if (context.signal.aborted) {
      const found = await findAfterInterrupt(provisioner, target);
      throw new InterruptedError(
        `Interrupted while creating ${target.name} on ${target.provider}.`,
        `Nothing was undone, and the host may exist, partly set up. ${found} ${REPEAT_IS_SAFE}`,
      );
    }
    if (!beforeAnyRequest(error)) {
      context.errorNotes.push(
        `${target.name} may have been created (or partly). ${REPEAT_IS_SAFE} ${listCommand(target)} shows what exists.`,
      );
    }
    throw error;
  }
}
async function statusAfterInterrupt(provisioner, host, ref) {
  try {
    const now = await provisioner.status(host.id, { signal: AbortSignal.timeout(CHECK_AFTER_INTERRUPT_MS) });
    return `${ref} exists (${now.status}, checked just now).`;
  } catch (error) {
    if (HostNotFoundError.isInstance(error)) return `${ref} no longer exists (checked just now).`;
    return `${ref} existed when last seen (${host.status}); it could not be checked again.`;
  }
}
async function waitForCreated(context, provisioner, host, settings) {
  const ref = formatHostReference(host.provider, host.id);
  try {
    return await waitWithProgress(context, provisioner, host, 'active', settings);
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    const state2 = await statusAfterInterrupt(provisioner, host, ref);
    throw new InterruptedError(
      `Interrupted while waiting for ${host.name} to become active.`,
      `Nothing was undone: ${state2} ${REPEAT_IS_SAFE} \`provision status ${ref} --wait\` keeps waiting; \`provision delete ${ref} --wait\` deletes it.`,
    );
  }
}
function specMismatchWarning(host, fields) {
  const ref = formatHostReference(host.provider, host.id);
  return `${host.name} (owner ${host.owner}) already exists as ${ref} with a different ${fields.join(', ')}; it was returned as it is, unchanged. To get the spec you asked for, delete it first (\`provision delete ${ref} --wait\`) or use another --name.`;
}
var CHECK_AFTER_INTERRUPT_MS, REPEAT_IS_SAFE;
var init_create_outcome = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/create-outcome.js'() {
    init_dist();
    init_interrupted_error();
    init_progress();
    init_host_reference();
    init_usage_error();
    init_waiting();
    CHECK_AFTER_INTERRUPT_MS = 3e3;
    REPEAT_IS_SAFE =
      'Repeating the same `provision create` is safe: it finds the host by owner and name and returns or repairs it instead of creating another.';
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/create.js
async function buildSpec(context, manifest, options) {
  if (options.port !== void 0 && options.allPorts) {
    throw new UsageError('--port and --all-ports cannot be used together.');
  }
  const inbound = options.allPorts ? 'all' : options.port;
  const limit = { maxBytes: manifest.limits.userDataBytes, provider: manifest.displayName };
  const userData =
    options.userData === void 0 ? void 0 : await readUserData(options.userData, context.io.stdin, limit);
  if (userData !== void 0) context.redactor.addUserData(userData);
  return {
    name: options.name,
    ...(options.region === void 0 ? {} : { region: options.region }),
    ...(options.plan === void 0 ? {} : { plan: options.plan }),
    ...(options.os === void 0 ? {} : { os: options.os }),
    ...(userData === void 0 ? {} : { userData }),
    ...(options.tag === void 0 ? {} : { tags: options.tag }),
    ...(inbound === void 0 ? {} : { inbound }),
    ...(options.owner === void 0 ? {} : { owner: options.owner }),
    ...(options.ttl === void 0 ? {} : { ttl: options.ttl }),
  };
}
function registerCreateCommand(program2, runtime) {
  const command = program2
    .command('create')
    .description('create a host (or return the existing one of that owner and name)');
  addProviderOption(command, 'provider id, e.g. digitalocean (see `provision providers`)', true);
  command
    .requiredOption('--name <name>', 'host name: lowercase letters, digits and -')
    .option('--region <region>', 'region id (default: the provider default; see `provision regions`)')
    .option('--plan <plan>', 'plan id (default: the cheapest with a public IPv4; see `provision plans`)')
    .option('--os <os>', 'operating system id, e.g. ubuntu-24.04 (default: the provider default)')
    .option('--user-data <file>', 'cloud-init user-data file, or - for standard input (never printed)')
    .addOption(
      new Option('--port <port>', 'open this port: 80, 8000-9000, 53/udp (repeatable)').argParser(
        parser(collectPortRule),
      ),
    )
    .option('--all-ports', 'open every TCP and UDP port')
    .addOption(new Option('--tag <key=value>', 'add a tag (repeatable)').argParser(parser(collectTag)))
    .option('--owner <namespace>', 'owner namespace for the name (default: default)')
    .addOption(
      new Option(
        '--ttl <duration>',
        'expire after this long (30m, 2h, 1d); `provision gc` deletes expired hosts',
      ).argParser(parser(parseDuration)),
    )
    .option('--dry-run', 'print the fully resolved host and its price; send nothing');
  addWaitOptions(command, 'the host is active');
  addEmulatorOption(command);
  command.action(
    wrap(runtime, async (context, options) => {
      const discovered = await context.discover();
      const manifest = requirePlugin(discovered, options.provider);
      const spec = await buildSpec(context, manifest, options);
      const plans = manifest.catalog.plans.map((plan) => plan.id);
      if (options.plan !== void 0 && plans.length > 0 && !plans.includes(options.plan)) {
        const near = closestMatch(options.plan, plans);
        context.warn(
          `plan "${options.plan}" is not in ${manifest.displayName}'s catalog (checked ${manifest.catalog.checkedAt})${near === void 0 ? '' : `; did you mean --plan ${near}?`} The cloud decides; \`provision plans --provider ${manifest.id}\` lists the known ones.`,
        );
      }
      if (options.dryRun) {
        const view = dryRunView(manifest, validateHostSpec(manifest, spec));
        context.note('dry run: nothing was sent to the cloud.');
        if (view.price === null) context.note(`no price: ${view.priceNote}.`);
        context.print({ dryRun: true, host: view }, () => renderDryRun(view));
        return;
      }
      validateHostSpec(manifest, spec);
      const environment = await context.environment({ emulator: options.emulator });
      const provisioner = openProvisioner(manifest, environment, context.logger);
      const target = { name: spec.name, owner: spec.owner ?? DEFAULT_OWNER, provider: manifest.id };
      let host = await createHost(context, provisioner, spec, target);
      const mismatch = specMismatchOf(host);
      if (mismatch.length > 0) context.warn(specMismatchWarning(host, mismatch));
      if (options.wait) {
        host = await waitForCreated(context, provisioner, host, waitSettings(options));
      } else if (host.status !== 'active' && context.options.output === 'table' && !options.emulator) {
        context.note(
          `${host.name} is ${host.status}; \`provision status ${formatHostReference(host.provider, host.id)} --wait\` waits for it.`,
        );
      }
      context.print({ host: hostView(host), specMismatch: mismatch }, () => renderHost(host));
    }),
  );
}
var init_create = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/create.js'() {
    init_dist();
    init_commander();
    init_hosts();
    init_duration();
    init_host_reference();
    init_ports();
    init_tags2();
    init_providers();
    init_runtime();
    init_usage_error();
    init_user_data();
    init_common_options();
    init_create_dry_run();
    init_create_outcome();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/host-target.js
async function openHostTarget(context, host, options) {
  const reference = parseHostReference(host, options.provider);
  const manifest = requirePlugin(await context.discover(), reference.provider);
  const environment = await context.environment({ emulator: options.emulator });
  return { reference, manifest, provisioner: openProvisioner(manifest, environment, context.logger) };
}
var init_host_target = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/host-target.js'() {
    init_host_reference();
    init_providers();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/delete.js
async function resolveTarget(context, host, options) {
  if ((host === void 0) === (options.ip === void 0)) {
    throw new UsageError('Give either a host or --ip <address>, not both and not neither.');
  }
  if (host !== void 0) {
    const target = await openHostTarget(context, host, options);
    return { provisioner: target.provisioner, ref: { id: target.reference.id } };
  }
  if (options.provider === void 0) {
    throw new UsageError('--ip needs --provider: an address alone does not say which cloud to ask.');
  }
  const manifest = requirePlugin(await context.discover(), options.provider);
  const environment = await context.environment({ emulator: options.emulator });
  return {
    provisioner: openProvisioner(manifest, environment, context.logger),
    ref: { ip: options.ip },
  };
}
function renderOutcome(provider, target, outcome) {
  if (outcome.found === false) {
    return renderFields([
      ['host', target],
      ['found', 'no: nothing with that id or address exists (mistyped, or deleted before)'],
      ['done', 'yes: nothing to delete'],
    ]);
  }
  return renderFields([
    ['host', outcome.id === void 0 ? target : formatHostReference(provider, outcome.id)],
    ...(outcome.found === void 0 ? [] : [['found', 'yes']]),
    ['done', outcome.done ? 'yes: nothing remains' : 'not yet: run delete again, or use --wait'],
    ['remaining', outcome.remaining?.join(', ') || void 0],
  ]);
}
function deletionView(provider, target, outcome) {
  const id = outcome.id ?? ('id' in target ? target.id : void 0);
  return {
    ref: id === void 0 ? null : formatHostReference(provider, id),
    provider,
    id: id ?? null,
    ip: 'ip' in target ? target.ip : null,
    found: outcome.found ?? null,
    done: outcome.done,
    remaining: outcome.remaining ?? [],
    calls: outcome.calls,
  };
}
function registerDeleteCommand(program2, runtime) {
  const command = program2
    .command('delete')
    .description(
      'delete a host and everything created with it; deletion converges over calls: without --wait one call, reporting what remains',
    )
    .argument('[host]', 'host as create and list print it: <provider>:<id> (or the bare id with --provider)')
    .option('--ip <address>', 'delete the managed host with this public IPv4 (needs --provider)');
  addProviderOption(command, 'provider of a bare host id or of --ip');
  addWaitOptions(command, 'nothing remains (host, firewall, addresses)');
  addEmulatorOption(command);
  command.action(
    wrap(runtime, async (context, options, [host]) => {
      const { provisioner, ref } = await resolveTarget(context, host, options);
      const label = 'id' in ref ? formatHostReference(provisioner.provider, ref.id) : `host at ${ref.ip}`;
      const outcome = await deleteUntilDone(context, provisioner, ref, {
        ...waitSettings(options),
        wait: options.wait === true,
        label,
      });
      if (outcome.found === false) {
        context.warn(
          `nothing was found to delete at ${label}: no host with that ${'id' in ref ? 'id' : 'address'} exists (mistyped, or deleted before). \`provision list --provider ${provisioner.provider}\` shows the hosts that exist.`,
        );
      }
      context.print({ deletion: deletionView(provisioner.provider, ref, outcome) }, () =>
        renderOutcome(provisioner.provider, label, outcome),
      );
    }),
  );
}
var init_delete = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/delete.js'() {
    init_table();
    init_host_reference();
    init_providers();
    init_runtime();
    init_usage_error();
    init_waiting();
    init_common_options();
    init_host_target();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/parse/numbers.js
function parseInteger(text, min, max = Number.MAX_SAFE_INTEGER) {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`"${text}" is not a whole number from ${min} to ${max}.`);
  }
  return value;
}
function parseRate(text) {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`"${text}" is not a rate from 0 to 1 (0.05 means 5% of requests).`);
  }
  return value;
}
var init_numbers = __esm({
  '../../work/wt/cold-start/packages/cli/dist/parse/numbers.js'() {
    init_usage_error();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/emulator.js
function parseLimit(text, previous) {
  const match = /^([a-z0-9][a-z0-9-]*)\.([A-Za-z0-9_-]+)=(\d+)$/.exec(text.trim());
  if (match === null)
    throw new UsageError(
      `"${text}" is not a limit.`,
      'Write <provider>.<limit>=<number>, e.g. digitalocean.droplets=1000.',
    );
  const [, provider = '', name = '', value = '0'] = match;
  return { ...previous, [provider]: { ...previous?.[provider], [name]: Number(value) } };
}
function parseLatency(text) {
  return text.trim() === '0' ? 0 : parseDuration(text);
}
function shellQuote(value) {
  return /^[A-Za-z0-9_./:@%+=,-]*$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
function untilAborted(signal) {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
async function runEmulator(context, options) {
  const { discoverEmulatedClouds, startEmulator } = await import('@provision/emulator');
  const { roots } = await context.discover();
  const { clouds, skipped } = await discoverEmulatedClouds({ from: roots });
  for (const skip of skipped)
    context.note(`no fake for ${skip.provider} (${skip.packageName}): ${skip.reason}.`);
  const tls = options.tls || options.caFile !== void 0;
  const emulator = await startEmulator({
    clouds,
    port: options.port,
    latencyMs: options.latency,
    faultRate: options.faultRate,
    ...(options.seed === void 0 ? {} : { seed: options.seed }),
    ...(options.quiet
      ? {}
      : {
          log: (line) =>
            context.io.stderr.write(`${line}
`),
        }),
    ...(options.limit === void 0 ? {} : { limits: options.limit }),
    ...(options.cloudPorts ? { cloudPorts: true } : {}),
    ...(tls ? { tls: options.caFile === void 0 ? true : { caFile: options.caFile } } : {}),
  }).catch((error) => {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  });
  const trust =
    emulator.caFile === void 0
      ? {}
      : { NODE_EXTRA_CA_CERTS: emulator.caFile, AWS_CA_BUNDLE: emulator.caFile };
  try {
    context.print({ url: emulator.url, endpoints: emulator.endpoints, caFile: emulator.caFile ?? null }, () =>
      [
        `Emulator listening on ${emulator.url} (Ctrl-C to stop). Its hosts live in memory until then.`,
        'The values below are the fakes\u2019 own, not real credentials. In another shell:',
        '',
        ...(emulator.caFile === void 0
          ? []
          : [
              `# trust the emulator's certificate authority (${emulator.caFile})`,
              ...Object.entries(trust).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
            ]),
        ...emulator.endpoints.flatMap((endpoint) => [
          `# ${endpoint.provider}${
            Object.keys(endpoint.limits).length === 0
              ? ''
              : ` (limits: ${Object.entries(endpoint.limits)
                  .map(([name, value]) => `${name}=${value}`)
                  .join(', ')})`
          }`,
          ...Object.entries(endpoint.env).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
        ]),
      ].join('\n'),
    );
    await untilAborted(context.signal);
  } finally {
    await emulator.close();
  }
  context.io.stderr.write('emulator stopped.\n');
}
function registerEmulatorCommand(program2, runtime) {
  program2
    .command('emulator')
    .description(
      "serve every installed provider's fake cloud on 127.0.0.1 in the foreground, and print the variables that point the providers at it",
    )
    .addOption(
      new Option('--port <port>', 'TCP port on 127.0.0.1 (0 picks a free one)')
        .argParser(parser((value) => parseInteger(value, 0, 65535)))
        .default(4510),
    )
    .addOption(
      new Option('--latency <duration>', 'added to every request, like a real cloud round trip (e.g. 50ms)')
        .argParser(parser(parseLatency))
        .default(0, '0'),
    )
    .addOption(
      new Option('--fault-rate <rate>', 'share of requests answered with a random fault (0.05 = 5%)')
        .argParser(parser(parseRate))
        .default(0),
    )
    .addOption(
      new Option('--seed <n>', 'seed for the faults, to replay a rehearsal').argParser(
        parser((value) => parseInteger(value, 0)),
      ),
    )
    .option('--quiet', 'do not print one line per request on stderr')
    .addOption(
      new Option(
        '--limit <provider.name=value>',
        'set a cloud quota, repeatable (e.g. digitalocean.droplets=25); GET / on the emulator lists each cloud\u2019s limits and defaults',
      ).argParser(parser(parseLimit)),
    )
    .option(
      '--cloud-ports',
      'also serve each cloud at the root of a port of its own (for SDKs that take an API host)',
    )
    .option(
      '--tls',
      'serve HTTPS with a certificate authority made for this run, and print the variables that trust it',
    )
    .option(
      '--ca-file <path>',
      'with --tls (implied): where to write the certificate authority (default: a temporary file)',
    )
    .action(wrap(runtime, (context, options) => runEmulator(context, options)));
}
var init_emulator = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/emulator.js'() {
    init_commander();
    init_duration();
    init_numbers();
    init_runtime();
    init_usage_error();
    init_common_options();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/exit-codes.js
var EXIT_CODES;
var init_exit_codes = __esm({
  '../../work/wt/cold-start/packages/cli/dist/exit-codes.js'() {
    EXIT_CODES = {
      /** The command did what was asked. */
      success: 0,
      /** The cloud or the provider failed (any other error). */
      failure: 1,
      /** The command was called wrongly: bad flags or input, an unsupported option, missing credentials. */
      usage: 2,
      /** `--wait` reached its `--timeout`; the host may still get there. */
      waitTimeout: 3,
      /** Interrupted (Ctrl-C) while waiting. */
      interrupted: 130,
    };
  },
});

// ../../work/wt/cold-start/packages/cli/dist/output/errors.js
function exitCodeFor(error) {
  if (error instanceof CommanderError) {
    if (COMMANDER_SUCCESS.has(error.code) || (error.code === 'commander.help' && error.exitCode === 0))
      return EXIT_CODES.success;
    return EXIT_CODES.usage;
  }
  if (error instanceof UsageError) return EXIT_CODES.usage;
  if (error instanceof InterruptedError) return EXIT_CODES.interrupted;
  if (WaitTimeoutError.isInstance(error)) return EXIT_CODES.waitTimeout;
  if (
    InvalidRequestError.isInstance(error) ||
    UnsupportedError.isInstance(error) ||
    MissingCredentialsError.isInstance(error)
  ) {
    return EXIT_CODES.usage;
  }
  return EXIT_CODES.failure;
}
function inCliWords(text) {
  return text.replace(
    /`?\b(provision|status|list|delete|start|stop|reboot|plans|regions)\((\{ ?(id|ip) ?\})?\)`?/g,
    (whole, call, _argument, key) => {
      const command = LIBRARY_CALLS[call];
      if (command === void 0) return whole;
      return `\`provision ${command}${call === 'delete' && key === 'ip' ? ' --ip' : ''}\``;
    },
  );
}
function describe(error, options = {}) {
  if (error instanceof CommanderError) {
    return {
      code: 'usage',
      message: error.message.replace(/^error:\s*/, ''),
      hint: 'Run `provision --help`, or `provision <command> --help`, for usage.',
    };
  }
  if (MissingCredentialsError.isInstance(error)) {
    const variables =
      options.credentialsHelp?.(error.provider) ??
      (error.envVars.length > 0 ? error.envVars.join(' or ') : 'the provider\u2019s credential variable');
    return {
      code: error.code,
      message: inCliWords(error.message),
      hint: inCliWords(
        error.hint ??
          `Set ${variables} in the environment (the CLI never takes credentials as flags). To try without an account, add --emulator.`,
      ),
    };
  }
  if (ProvisionError.isInstance(error)) {
    const cloud = error.provider ?? 'the cloud';
    if (SDK_INTERNALS.test(error.message)) {
      return {
        code: error.code,
        message: `The answer from ${cloud}${error.operation ? ` to ${error.operation}` : ''} could not be read: it is not in the API's format.`,
        hint: 'A proxy, a login page or a wrong endpoint variable may be in the way; --debug shows details.',
      };
    }
    if (error.code === 'timeout' || error.code === 'network_error') {
      return {
        code: error.code,
        message: inCliWords(error.message),
        hint: inCliWords(error.hint ?? 'Check the network and the endpoint; repeating the command is safe.'),
      };
    }
    return {
      code: error.code,
      message: inCliWords(error.message),
      hint: error.hint && inCliWords(error.hint),
    };
  }
  if (error instanceof UsageError) return { code: 'usage', message: error.message, hint: error.hint };
  if (error instanceof InterruptedError)
    return { code: 'interrupted', message: error.message, hint: error.hint };
  if (error instanceof Error) {
    const message = SDK_INTERNALS.test(error.message)
      ? "An answer from the cloud could not be read: it is not in the API's format."
      : error.message;
    return { code: 'error', message, hint: void 0 };
  }
  return { code: 'error', message: String(error), hint: void 0 };
}
function describeFailure(error, options = {}) {
  const { code, message } = describe(error, options);
  return { code, message };
}
function debugDetails(error) {
  const lines = [];
  let current = error;
  for (let depth = 0; current !== void 0 && depth < 5; depth++) {
    if (ProvisionError.isInstance(current)) {
      lines.push(
        `debug: ${current.name} code=${current.code} provider=${current.provider ?? '-'} operation=${current.operation ?? '-'} retryable=${current.retryable}`,
      );
    }
    lines.push(current instanceof Error ? (current.stack ?? String(current)) : String(current));
    current = current instanceof Error ? current.cause : void 0;
    if (current !== void 0) lines.push('caused by:');
  }
  return `${lines.join('\n')}
`;
}
function reportError(io, error, options) {
  const exitCode = exitCodeFor(error);
  if (exitCode === EXIT_CODES.success) return exitCode;
  if (error instanceof CommanderError && error.code === 'commander.help') return exitCode;
  const { code, message, hint } = describe(error, options);
  const notes = options.notes ?? [];
  let text = `error: ${message}
`;
  if (hint !== void 0)
    text += `hint: ${hint}
`;
  for (const note of notes)
    text += `note: ${note}
`;
  if (options.debug) text += debugDetails(error);
  io.stderr.write(text);
  if (options.json) {
    const provider = (ProvisionError.isInstance(error) ? error.provider : void 0) ?? null;
    io.stdout.write(renderJson({ error: { code, message, hint: hint ?? null, provider, exitCode, notes } }));
  }
  return exitCode;
}
var COMMANDER_SUCCESS, LIBRARY_CALLS, SDK_INTERNALS;
var init_errors2 = __esm({
  '../../work/wt/cold-start/packages/cli/dist/output/errors.js'() {
    init_dist();
    init_commander();
    init_exit_codes();
    init_interrupted_error();
    init_usage_error();
    init_json();
    COMMANDER_SUCCESS = /* @__PURE__ */ new Set(['commander.helpDisplayed', 'commander.version']);
    LIBRARY_CALLS = {
      provision: 'create',
      status: 'status',
      list: 'list',
      delete: 'delete',
      start: 'start',
      stop: 'stop',
      reboot: 'reboot',
      plans: 'plans --live',
      regions: 'regions --live',
    };
    SDK_INTERNALS = /\$response|deserializ|\$metadata|\$fault/i;
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/select-providers.js
async function selectProviders(context, options) {
  const discovered = await context.discover();
  if (options.provider !== void 0) {
    const manifest = requirePlugin(discovered, options.provider);
    if (manifest.capabilities[options.capability] !== true) {
      throw new UsageError(
        `${manifest.displayName}'s plugin cannot ${options.doing}.`,
        '`provision providers` lists what each provider supports.',
      );
    }
    return { selected: [manifest], skipped: [] };
  }
  const selected = [];
  const skipped = [];
  const served = options.environment.served;
  const withoutCredentials = [];
  const states = await Promise.all(
    discovered.plugins.map((manifest) => credentialState(manifest, options.environment.env)),
  );
  for (const [index, manifest] of discovered.plugins.entries()) {
    const credentials = states[index];
    let reason;
    if (manifest.capabilities[options.capability] !== true) reason = `its plugin cannot ${options.doing}`;
    else if (served !== void 0 && !served.includes(manifest.id)) reason = 'the emulator has no fake for it';
    else if (served === void 0 && credentials !== void 0 && !credentials.ready) {
      reason = `no credentials (set ${credentials.help})`;
      withoutCredentials.push(`${manifest.id}: ${credentials.help}`);
    }
    if (reason === void 0) selected.push(manifest);
    else skipped.push({ provider: manifest.id, reason });
  }
  if (discovered.plugins.length === 0) {
    throw new UsageError(
      `No providers are installed, so there is nothing to ${options.doing} on.`,
      'Install one next to the CLI, e.g. `npm install -g @provision/provider-digitalocean`; `provision providers` shows what is found.',
    );
  }
  if (selected.length === 0 && withoutCredentials.length > 0) {
    throw new MissingCredentialsError(
      `No credentials were found for any provider, so nothing was asked (${withoutCredentials.join('; ')}).`,
      {
        envVars: discovered.plugins.flatMap((manifest) => manifest.env.required),
        hint: 'Set one provider\u2019s credentials in the environment (or its config files), or name one with --provider to see its own error; add --emulator to try without an account.',
      },
    );
  }
  for (const skip of skipped) context.note(`skipping ${skip.provider}: ${skip.reason}.`);
  return { selected, skipped };
}
var init_select_providers = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/select-providers.js'() {
    init_dist();
    init_providers();
    init_usage_error();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/gc.js
function errorText(error) {
  return describeFailure(error).message;
}
async function collectProvider(context, manifest, environment, options) {
  const provisioner = openProvisioner(manifest, environment, context.logger);
  const filter = options.owner === void 0 ? {} : { owner: options.owner };
  const now = /* @__PURE__ */ new Date();
  const hosts = (await provisioner.list?.(filter, { signal: context.signal })) ?? [];
  const expired = hosts.filter(
    (host) =>
      host.expiresAt !== void 0 &&
      isExpired({ name: host.name, owner: host.owner, expiresAt: host.expiresAt }, now),
  );
  const settings = { timeoutMs: options.timeout, intervalMs: options.interval };
  const hostItems = expired.map(async (host) => {
    const ref = formatHostReference(host.provider, host.id);
    const base = {
      provider: manifest.id,
      kind: 'host',
      id: host.id,
      ref,
      name: host.name,
      owner: host.owner,
      expiresAt: host.expiresAt,
    };
    if (options.dryRun) return { ...base, action: 'would delete' };
    try {
      await deleteUntilDone(
        context,
        provisioner,
        { id: host.id },
        { ...settings, wait: true, label: ref, quiet: true },
      );
      context.io.stderr.write(`deleted ${ref} (${host.owner}/${host.name}, expired ${host.expiresAt.toISOString()})
`);
      return { ...base, action: 'deleted' };
    } catch (error) {
      return { ...base, action: 'failed', error: errorText(error) };
    }
  });
  const canDeleteOrphans = provisioner.orphans !== void 0 && provisioner.deleteOrphan !== void 0;
  const orphans = canDeleteOrphans
    ? ((await provisioner.orphans?.(filter, { signal: context.signal })) ?? [])
    : [];
  const orphanItems = orphans.map(async (orphan) => {
    const base = {
      provider: manifest.id,
      kind: orphan.kind,
      id: orphan.id,
      name: orphan.name,
      owner: orphan.owner,
    };
    if (options.dryRun) return { ...base, action: 'would delete' };
    try {
      const once = async () => {
        const result = await provisioner.deleteOrphan?.(orphan, { signal: context.signal });
        return result ?? { done: true };
      };
      await repeatUntilDone(context, once, {
        ...settings,
        wait: true,
        label: `${orphan.kind} ${orphan.id}`,
        provider: manifest.id,
        quiet: true,
      });
      context.io.stderr.write(`deleted orphaned ${orphan.kind} ${orphan.id} (${orphan.name})
`);
      return { ...base, action: 'deleted' };
    } catch (error) {
      return { ...base, action: 'failed', error: errorText(error) };
    }
  });
  return Promise.all([...hostItems, ...orphanItems]);
}
function itemView(item) {
  return {
    action: item.action,
    provider: item.provider,
    kind: item.kind,
    id: item.id,
    ref: item.ref ?? null,
    name: item.name,
    owner: item.owner ?? null,
    expiresAt: item.expiresAt ?? null,
    error: item.error ?? null,
  };
}
function renderItems(items, dryRun) {
  if (items.length === 0)
    return dryRun ? 'Nothing to collect.' : 'Nothing to collect: no expired hosts, no orphans.';
  return renderTable(
    ['action', 'kind', 'id', 'name', 'owner', 'expired'],
    items.map((item) => [
      item.error === void 0 ? item.action : `failed: ${item.error}`,
      item.kind,
      item.ref ?? `${item.provider} ${item.id}`,
      item.name,
      item.owner,
      item.expiresAt?.toISOString(),
    ]),
  );
}
function registerGcCommand(program2, runtime) {
  const command = program2
    .command('gc')
    .description(
      'delete managed hosts whose --ttl has passed, and orphaned secondary resources the providers can find',
    );
  addProviderOption(command, 'only this provider (default: every one with credentials set)');
  command
    .option('--owner <namespace>', 'only hosts of this owner')
    .option('--dry-run', 'only print what would be deleted')
    .addOption(
      new Option('--timeout <duration>', 'give up on a deletion after this long')
        .argParser(parser(parseDuration))
        .default(10 * 6e4, '10m'),
    )
    .addOption(
      new Option('--interval <duration>', 'first pause between delete calls')
        .argParser(parser(parseDuration))
        .default(2e3, '2s'),
    );
  command.action(
    wrap(runtime, async (context, options) => {
      const environment = await context.environment({});
      const { selected, skipped } = await selectProviders(context, {
        provider: options.provider,
        capability: 'list',
        environment,
        doing: 'list hosts',
      });
      const items = [];
      const failures = [];
      const results = await Promise.allSettled(
        selected.map((manifest) => collectProvider(context, manifest, environment, options)),
      );
      for (const [index, result] of results.entries()) {
        const provider = selected[index]?.id ?? '';
        if (result.status === 'fulfilled') items.push(...result.value);
        else if (options.provider !== void 0) throw result.reason;
        else {
          const { code, message } = describeFailure(result.reason);
          failures.push({ provider, code, message });
          context.warn(`gc on ${provider} failed: ${message}`);
        }
      }
      const dryRun = options.dryRun === true;
      context.print(
        {
          dryRun,
          hosts: items.filter((item) => item.kind === 'host').map(itemView),
          orphans: items.filter((item) => item.kind !== 'host').map(itemView),
          skipped,
          failures,
        },
        () => renderItems(items, dryRun),
      );
      if (failures.length > 0 || items.some((item) => item.action === 'failed')) {
        context.exitCode = EXIT_CODES.failure;
      }
    }),
  );
}
var init_gc = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/gc.js'() {
    init_dist();
    init_commander();
    init_exit_codes();
    init_errors2();
    init_table();
    init_duration();
    init_host_reference();
    init_providers();
    init_runtime();
    init_waiting();
    init_common_options();
    init_select_providers();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/list.js
function registerListCommand(program2, runtime) {
  const command = program2
    .command('list')
    .description('list managed hosts, on one provider or every provider whose credentials are set');
  addProviderOption(command, 'only this provider (default: every one with credentials set)');
  command
    .option('--owner <namespace>', 'only hosts of this owner')
    .addOption(
      new Option('--tag <key=value>', 'only hosts with this tag (repeatable)').argParser(parser(collectTag)),
    )
    .option('--region <region>', 'only hosts in this region');
  addEmulatorOption(command);
  command.action(
    wrap(runtime, async (context, options) => {
      const environment = await context.environment({ emulator: options.emulator });
      const { selected, skipped } = await selectProviders(context, {
        provider: options.provider,
        capability: 'list',
        environment,
        doing: 'list hosts',
      });
      const filter = {
        ...(options.owner === void 0 ? {} : { owner: options.owner }),
        ...(options.tag === void 0 ? {} : { tags: options.tag }),
        ...(options.region === void 0 ? {} : { region: options.region }),
      };
      const results = await Promise.allSettled(
        selected.map(async (manifest) => {
          const provisioner = openProvisioner(manifest, environment, context.logger);
          return (await provisioner.list?.(filter, { signal: context.signal })) ?? [];
        }),
      );
      const hosts = [];
      const failures = [];
      for (const [index, result] of results.entries()) {
        const provider = selected[index]?.id ?? '';
        if (result.status === 'fulfilled') {
          hosts.push(...result.value);
          continue;
        }
        if (options.provider !== void 0) throw result.reason;
        const { code, message } = describeFailure(result.reason);
        failures.push({ provider, code, message });
        context.warn(`listing ${provider} failed: ${message}`);
      }
      hosts.sort(
        (a, b) =>
          a.provider.localeCompare(b.provider) ||
          a.owner.localeCompare(b.owner) ||
          a.name.localeCompare(b.name),
      );
      context.print({ hosts: hosts.map(hostView), skipped, failures }, () =>
        hosts.length === 0 ? 'No managed hosts.' : renderHostTable(hosts),
      );
      if (failures.length > 0) context.exitCode = EXIT_CODES.failure;
    }),
  );
}
var init_list = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/list.js'() {
    init_commander();
    init_exit_codes();
    init_errors2();
    init_hosts();
    init_tags2();
    init_providers();
    init_runtime();
    init_common_options();
    init_select_providers();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/parse/sizes.js
function parseMemorySize(text) {
  const match = SIZE.exec(text.trim());
  const factor = match === null ? void 0 : UNIT_MIB[match[2].toLowerCase()];
  if (match === null || factor === void 0) {
    throw new UsageError(`"${text}" is not a memory size.`, 'Write a number with a unit: 512MiB, 1GiB, 2GB.');
  }
  return Math.ceil(Number(match[1]) * factor);
}
function formatMemory(mib) {
  if (mib < 1024) return `${mib} MiB`;
  const gib = mib / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}
var UNIT_MIB, SIZE;
var init_sizes = __esm({
  '../../work/wt/cold-start/packages/cli/dist/parse/sizes.js'() {
    init_usage_error();
    UNIT_MIB = {
      m: 1,
      mb: 1,
      mib: 1,
      g: 1024,
      gb: 1024,
      gib: 1024,
      t: 1024 * 1024,
      tb: 1024 * 1024,
      tib: 1024 * 1024,
    };
    SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i;
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/catalog-selection.js
async function catalogProviders(context, options) {
  checkProviderOrAll(options);
  const discovered = await context.discover();
  if (options.provider !== void 0) return [requirePlugin(discovered, options.provider)];
  if (discovered.plugins.length === 0)
    context.note('no providers are installed (see `provision providers`).');
  return [...discovered.plugins];
}
function checkProviderOrAll(options) {
  if (options.provider !== void 0 && options.all) {
    throw new UsageError('Give --provider <id> or --all, not both.');
  }
}
var init_catalog_selection = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/catalog-selection.js'() {
    init_providers();
    init_usage_error();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/plans.js
function knowsRegion(manifest, region) {
  const regions = manifest.catalog.regions;
  return regions.length === 0 || regions.some((item) => item.id === region);
}
function withRegion(manifests, region) {
  if (region === void 0) return [...manifests];
  const having = manifests.filter((manifest) => knowsRegion(manifest, region));
  if (having.length > 0 || manifests.length === 0) return having;
  const known = manifests.flatMap((manifest) => manifest.catalog.regions.map((item) => item.id));
  const near = closestMatch(region, known);
  const single = manifests.length === 1 ? manifests[0] : void 0;
  throw new UsageError(
    single !== void 0
      ? `Unknown ${single.displayName} region "${region}".`
      : `Unknown region "${region}": no installed provider has it.`,
    near !== void 0
      ? `Did you mean --region ${near}? \`provision regions\` lists them.`
      : single !== void 0
        ? `Known regions: ${single.catalog.regions.map((item) => item.id).join(', ')}.`
        : '`provision regions` lists the regions of every installed provider.',
  );
}
function planView(plan) {
  return {
    provider: plan.provider,
    id: plan.id,
    cpus: plan.cpus,
    memoryMiB: plan.memoryMiB,
    diskGB: plan.diskGB ?? null,
    architecture: plan.architecture ?? null,
    publicIpv4: plan.publicIpv4,
    price: plan.price,
    regions: plan.regions ?? null,
  };
}
function sortPlans(plans) {
  return plans.sort(
    (a, b) =>
      a.price.currency.localeCompare(b.price.currency) ||
      a.price.monthly - b.price.monthly ||
      a.provider.localeCompare(b.provider) ||
      a.cpus - b.cpus ||
      a.memoryMiB - b.memoryMiB ||
      a.id.localeCompare(b.id),
  );
}
async function livePlans(context, options, query) {
  const environment = await context.environment({});
  const { selected, skipped } = await selectProviders(context, {
    provider: options.provider,
    capability: 'plans',
    environment,
    doing: 'list live plans',
  });
  const plans = [];
  for (const manifest of withRegion(selected, query.region)) {
    const provisioner = openProvisioner(manifest, environment, context.logger);
    const found = (await provisioner.plans?.(query, { signal: context.signal })) ?? [];
    plans.push(...filterPlans(found, query).map((plan) => ({ ...plan, provider: manifest.id })));
  }
  return { plans, skipped };
}
function formatRegions(regions) {
  if (regions === void 0) return 'all';
  return regions.length <= 4 ? regions.join(',') : `${regions.slice(0, 4).join(',')},+${regions.length - 4}`;
}
function renderPlans(plans) {
  if (plans.length === 0) return 'No plans match.';
  const currencies = [...new Set(plans.map((plan) => plan.price.currency))];
  if (currencies.length === 1) return renderPlanTable(plans);
  return currencies
    .map(
      (currency) => `Prices in ${currency}:
${renderPlanTable(plans.filter((plan) => plan.price.currency === currency))}`,
    )
    .join('\n\n');
}
function renderPlanTable(plans) {
  return renderTable(
    ['provider', 'plan', 'vcpus', 'memory', 'disk', 'monthly', 'hourly', 'regions'],
    plans.map((plan) => [
      plan.provider,
      plan.id,
      plan.cpus,
      formatMemory(plan.memoryMiB),
      plan.diskGB === void 0 ? void 0 : `${plan.diskGB} GB`,
      `${plan.price.monthly.toFixed(2)} ${plan.price.currency}`,
      plan.price.hourly === void 0 ? void 0 : `${plan.price.hourly.toFixed(5)} ${plan.price.currency}`,
      formatRegions(plan.regions),
    ]),
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
}
function registerPlansCommand(program2, runtime) {
  const command = program2
    .command('plans')
    .description(
      'list plans with a public IPv4 by monthly price; from each provider\u2019s dated catalog (no credentials, no request), or --live from the cloud',
    );
  addProviderOption(command, 'only this provider');
  command
    .option('--all', 'every installed provider (the default without --provider)')
    .addOption(
      new Option('--min-cpus <n>', 'at least this many vCPUs').argParser(
        parser((value) => parseInteger(value, 1)),
      ),
    )
    .addOption(
      new Option('--min-memory <size>', 'at least this much memory: 512MiB, 1GiB, 2GB').argParser(
        parser(parseMemorySize),
      ),
    )
    .option('--region <region>', 'only plans sold in this region')
    .option('--live', "ask the clouds (needs credentials) instead of the providers' catalogs");
  command.action(
    wrap(runtime, async (context, options) => {
      const query = {
        ...(options.minCpus === void 0 ? {} : { minCpus: options.minCpus }),
        ...(options.minMemory === void 0 ? {} : { minMemoryMiB: options.minMemory }),
        ...(options.region === void 0 ? {} : { region: options.region }),
      };
      let plans;
      let skipped = [];
      let catalogs = [];
      if (options.live) {
        checkProviderOrAll(options);
        ({ plans, skipped } = await livePlans(context, options, query));
      } else {
        const manifests = withRegion(await catalogProviders(context, options), options.region);
        plans = manifests.flatMap((manifest) =>
          filterPlans(manifest.catalog.plans, query).map((plan) => ({ ...plan, provider: manifest.id })),
        );
        catalogs = manifests.map((manifest) => ({
          provider: manifest.id,
          checkedAt: manifest.catalog.checkedAt,
          currency: manifest.catalog.currency,
          pricedRegions: manifest.catalog.pricedRegions ?? null,
        }));
        for (const manifest of manifests) {
          const priced = manifest.catalog.pricedRegions;
          if (priced !== void 0 && (options.region === void 0 || !priced.includes(options.region))) {
            context.note(
              `${manifest.id} prices are those of ${priced.join(', ')}${options.region === void 0 ? '' : `; ${options.region} costs differ`}.`,
            );
          }
        }
      }
      sortPlans(plans);
      const currencies = [...new Set(plans.map((plan) => plan.price.currency))];
      if (currencies.length > 1 && context.options.output === 'table')
        context.note(`prices in ${currencies.join(' and ')} are listed apart: they are not converted.`);
      if (!options.live && context.options.output === 'table' && catalogs.length > 0) {
        const dates = [...new Set(catalogs.map((catalog) => catalog.checkedAt))].sort();
        context.note(
          `prices from the providers' catalogs, checked ${dates.join(', ')}; --live asks the clouds.`,
        );
      }
      context.print(
        {
          source: options.live ? 'live' : 'catalog',
          currencies,
          plans: plans.map(planView),
          catalogs,
          skipped,
        },
        () => renderPlans(plans),
      );
    }),
  );
}
var init_plans = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/plans.js'() {
    init_dist();
    init_commander();
    init_table();
    init_numbers();
    init_sizes();
    init_providers();
    init_runtime();
    init_usage_error();
    init_catalog_selection();
    init_common_options();
    init_select_providers();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/power.js
function registerPowerCommands(program2, runtime) {
  for (const { action, description, until, leaving } of ACTIONS) {
    const command = program2
      .command(action)
      .description(`${description} (providers that support it)`)
      .argument(
        '<host>',
        'host as create and list print it: <provider>:<id> (or the bare id with --provider)',
      );
    addProviderOption(command, 'provider of a bare host id');
    addWaitOptions(command, `the host is ${until}`);
    addEmulatorOption(command);
    command.action(
      wrap(runtime, async (context, options, [host]) => {
        const { reference, manifest, provisioner } = await openHostTarget(context, host, options);
        const call = provisioner[action];
        if (manifest.capabilities[action] !== true || call === void 0) {
          throw new UsageError(
            `${manifest.displayName} hosts cannot be ${action === 'stop' ? 'stopped' : action === 'start' ? 'started' : 'rebooted'} with this provider plugin.`,
            `\`provision providers\` lists what each provider supports.`,
          );
        }
        let found = await call.call(provisioner, reference.id, { signal: context.signal });
        if (options.wait)
          found = await waitWithProgress(context, provisioner, found, until, waitSettings(options), leaving);
        context.print({ host: hostView(found) }, () => renderHost(found));
      }),
    );
  }
}
var ACTIONS;
var init_power = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/power.js'() {
    init_hosts();
    init_runtime();
    init_usage_error();
    init_waiting();
    init_common_options();
    init_host_target();
    ACTIONS = [
      { action: 'start', description: 'power a stopped host on', until: 'active', leaving: 'stopped' },
      {
        action: 'stop',
        description: 'power a host off (the cloud may still bill it)',
        until: 'stopped',
        leaving: 'active',
      },
      { action: 'reboot', description: 'reboot a host', until: 'active' },
    ];
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/providers.js
function capabilityList(manifest) {
  const capabilities = manifest.capabilities;
  const optional = OPTIONAL_CAPABILITIES.filter((name) => capabilities[name] === true);
  const rest = Object.keys(capabilities)
    .filter((name) => capabilities[name] === true && !optional.includes(name))
    .sort();
  return [...optional, ...rest];
}
function describeProvider(manifest, discovered, credentials) {
  const plan = manifest.catalog.plans.find((item) => item.id === manifest.defaults.plan);
  return {
    id: manifest.id,
    displayName: manifest.displayName,
    package: manifest.packageName,
    version: manifest.version,
    directory: discovered.packages.get(manifest.id)?.directory ?? null,
    maintainers: manifest.maintainers,
    env: { required: credentials.required, optional: credentials.optional },
    credentialsSet: credentials.ready,
    credentialsHelp: credentials.help,
    capabilities: capabilityList(manifest),
    defaults: {
      region: manifest.defaults.region,
      plan: manifest.defaults.plan,
      os: manifest.defaults.os,
      price: plan?.price ?? null,
    },
    catalog: { checkedAt: manifest.catalog.checkedAt, currency: manifest.catalog.currency },
  };
}
function describeCredentials(state2) {
  const mark = (variable) => `${variable.name} (${variable.set ? 'set' : 'not set'})`;
  const found = state2.ready ? 'found' : `not found: set ${state2.help}`;
  const variables = [...state2.required, ...state2.optional].map(mark).join(', ');
  return `${found}${variables ? `; variables: ${variables}` : ''}`;
}
function renderProviders(providers, states) {
  if (providers.length === 0) {
    return 'No providers installed. Install one next to the CLI, e.g. `npm install -g @provision/provider-digitalocean`.';
  }
  return providers
    .map((provider, index) => {
      const price = formatPrice(provider.defaults.price ?? void 0);
      return `${provider.id}  ${provider.displayName}
${renderFields(
  [
    ['package', `${provider.package}@${provider.version}`],
    ['from', provider.directory ?? void 0],
    ['credentials', describeCredentials(states[index])],
    ['capabilities', provider.capabilities.join(', ')],
    [
      'defaults',
      `region ${provider.defaults.region}, plan ${provider.defaults.plan}${price ? ` (${price})` : ''}, os ${provider.defaults.os}`,
    ],
    ['catalog', `prices checked ${provider.catalog.checkedAt}`],
  ],
  '  ',
)}`;
    })
    .join('\n\n');
}
function registerProvidersCommand(program2, runtime) {
  program2
    .command('providers')
    .description(
      'list installed providers: package and version, credential variables (set or not, never their values), capabilities, defaults',
    )
    .action(
      wrap(runtime, async (context) => {
        const discovered = await context.discover();
        for (const failure of discovered.failures) {
          context.warn(
            `${failure.package.packageName}@${failure.package.version} was not loaded: ${failure.reason}`,
          );
        }
        const states = await Promise.all(
          discovered.plugins.map((manifest) => credentialState(manifest, context.io.env)),
        );
        const providers = discovered.plugins.map((manifest, index) =>
          describeProvider(manifest, discovered, states[index]),
        );
        context.print(
          {
            providers,
            conflicts: discovered.conflicts,
            failures: discovered.failures.map((failure) => ({
              package: failure.package.packageName,
              version: failure.package.version,
              provider: failure.package.provider,
              reason: failure.reason,
            })),
          },
          () => renderProviders(providers, states),
        );
      }),
    );
}
var init_providers2 = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/providers.js'() {
    init_dist();
    init_hosts();
    init_table();
    init_providers();
    init_runtime();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/regions.js
function registerRegionsCommand(program2, runtime) {
  const command = program2
    .command('regions')
    .description("list regions, from each provider's dated catalog (no credentials, no request), or --live");
  addProviderOption(command, 'only this provider');
  command
    .option('--all', 'every installed provider (the default without --provider)')
    .option('--live', "ask the clouds (needs credentials) instead of the providers' catalogs");
  command.action(
    wrap(runtime, async (context, options) => {
      let regions = [];
      let skipped = [];
      if (options.live) {
        checkProviderOrAll(options);
        const environment = await context.environment({});
        let selected;
        ({ selected, skipped } = await selectProviders(context, {
          provider: options.provider,
          capability: 'regions',
          environment,
          doing: 'list live regions',
        }));
        for (const manifest of selected) {
          const provisioner = openProvisioner(manifest, environment, context.logger);
          const found = (await provisioner.regions?.({ signal: context.signal })) ?? [];
          regions.push(...found.map((region) => ({ ...region, provider: manifest.id })));
        }
      } else {
        const manifests = await catalogProviders(context, options);
        regions = manifests.flatMap((manifest) =>
          manifest.catalog.regions.map((region) => ({ ...region, provider: manifest.id })),
        );
      }
      regions.sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
      const view = regions.map((region) => ({
        provider: region.provider,
        id: region.id,
        name: region.name,
        available: region.available,
      }));
      context.print({ source: options.live ? 'live' : 'catalog', regions: view, skipped }, () =>
        regions.length === 0
          ? 'No regions.'
          : renderTable(
              ['provider', 'region', 'name', 'available'],
              regions.map((region) => [
                region.provider,
                region.id,
                region.name,
                region.available ? 'yes' : 'no',
              ]),
            ),
      );
    }),
  );
}
var init_regions = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/regions.js'() {
    init_table();
    init_providers();
    init_runtime();
    init_catalog_selection();
    init_common_options();
    init_select_providers();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/commands/status.js
function registerStatusCommand(program2, runtime) {
  const command = program2
    .command('status')
    .description('show a host; with --wait, poll until it reaches a status')
    .argument('<host>', 'host as create and list print it: <provider>:<id> (or the bare id with --provider)');
  addProviderOption(command, 'provider of a bare host id');
  command.addOption(
    new Option('--until <status>', 'with --wait: the status to wait for')
      .choices(HOST_STATUSES)
      .default('active'),
  );
  addWaitOptions(command, 'the host reaches --until (default active)');
  addEmulatorOption(command);
  command.action(
    wrap(runtime, async (context, options, [host]) => {
      const { reference, provisioner } = await openHostTarget(context, host, options);
      let found = await provisioner.status(reference.id, { signal: context.signal });
      if (options.wait && found.status !== options.until) {
        found = await waitWithProgress(context, provisioner, found, options.until, waitSettings(options));
      }
      context.print({ host: hostView(found) }, () => renderHost(found));
    }),
  );
}
var init_status = __esm({
  '../../work/wt/cold-start/packages/cli/dist/commands/status.js'() {
    init_dist();
    init_commander();
    init_hosts();
    init_runtime();
    init_waiting();
    init_common_options();
    init_host_target();
  },
});

// ../../work/wt/cold-start/packages/cli/dist/io.js
function processIo() {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}
var init_io = __esm({
  '../../work/wt/cold-start/packages/cli/dist/io.js'() {},
});

// ../../work/wt/cold-start/packages/cli/dist/output/redacting-stream.js
import { Writable } from 'node:stream';

function redactedIo(io, redactor) {
  return {
    ...io,
    stdout: new RedactingStream(io.stdout, redactor),
    stderr: new RedactingStream(io.stderr, redactor),
  };
}
var RedactingStream;
var init_redacting_stream = __esm({
  '../../work/wt/cold-start/packages/cli/dist/output/redacting-stream.js'() {
    RedactingStream = class extends Writable {
      #target;
      #redactor;
      /** Off only for output that prints fake credentials on purpose (`provision emulator`'s exports). */
      enabled = true;
      constructor(target, redactor) {
        super({ decodeStrings: false });
        this.#target = target;
        this.#redactor = redactor;
      }
      get isTTY() {
        return this.#target.isTTY === true;
      }
      get columns() {
        return this.#target.columns;
      }
      cursorTo(x, y) {
        return this.#target.cursorTo?.(x, y) ?? true;
      }
      moveCursor(dx, dy) {
        return this.#target.moveCursor?.(dx, dy) ?? true;
      }
      clearLine(direction) {
        return this.#target.clearLine?.(direction) ?? true;
      }
      _write(chunk, _encoding, callback) {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        this.#target.write(this.enabled ? this.#redactor.redact(text) : text);
        callback();
      }
      _final(callback) {
        callback();
      }
    };
  },
});

// ../../work/wt/cold-start/packages/cli/dist/output/redactor.js
function printedForms(value) {
  const once = jsonEscaped(value);
  return [.../* @__PURE__ */ new Set([value, once, jsonEscaped(once)])];
}
function redactTruncated(text, value) {
  if (value.length <= MIN_TRUNCATED_PREFIX) return text;
  const mark = /\.\.\.|…/g;
  let result = '';
  let copied = 0;
  for (let found = mark.exec(text); found !== null; found = mark.exec(text)) {
    const before = text.slice(copied, found.index);
    let cut = 0;
    for (
      let length2 = Math.min(before.length, value.length - 1, MAX_TRUNCATED_PREFIX);
      length2 >= MIN_TRUNCATED_PREFIX;
      length2--
    ) {
      if (before.endsWith(value.slice(0, length2))) {
        cut = length2;
        break;
      }
    }
    result += cut > 0 ? `${before.slice(0, before.length - cut)}${REDACTED}` : before;
    copied = found.index;
  }
  return copied === 0 ? text : result + text.slice(copied);
}
var REDACTED,
  MIN_SECRET_LENGTH,
  MIN_USER_DATA_LINE,
  MIN_BASE64_RUN,
  MIN_TRUNCATED_PREFIX,
  MAX_TRUNCATED_PREFIX,
  SECRET_NAME,
  PATTERNS,
  jsonEscaped,
  Redactor;
var init_redactor = __esm({
  '../../work/wt/cold-start/packages/cli/dist/output/redactor.js'() {
    REDACTED = '[redacted]';
    MIN_SECRET_LENGTH = 6;
    MIN_USER_DATA_LINE = 12;
    MIN_BASE64_RUN = 16;
    MIN_TRUNCATED_PREFIX = 8;
    MAX_TRUNCATED_PREFIX = 1024;
    SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|ACCESS_?KEY|PRIVATE/i;
    PATTERNS = [
      // `Authorization: ...`, `"authorization":"..."`, also inside JSON-escaped text: the whole value.
      [/(authorization\\*"?\s*[:=]\s*\\*"?)[^"\\\r\n]+/gi, `$1${REDACTED}`],
      [/(x-amz-security-token\\*"?\s*[:=]\s*\\*"?)[^"\\\r\n&,\s]+/gi, `$1${REDACTED}`],
      [/(x-auth-token\\*"?\s*[:=]\s*\\*"?)[^"\\\r\n&,\s]+/gi, `$1${REDACTED}`],
      [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
      [/\b(Signature=)[0-9a-f]{16,}/gi, `$1${REDACTED}`],
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
      [/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, REDACTED],
      [/\bdo[opr]_v1_[a-f0-9]{64}\b/g, REDACTED],
    ];
    jsonEscaped = (text) => JSON.stringify(text).slice(1, -1);
    Redactor = class {
      #values = /* @__PURE__ */ new Set();
      #encodings = [];
      #sorted;
      /** Adds one value to remove (ignored when shorter than 6 characters). */
      addValue(value) {
        if (value === void 0 || value.trim().length < MIN_SECRET_LENGTH) return;
        for (const form of printedForms(value)) this.#values.add(form);
        const trimmed = value.trim();
        if (trimmed !== value) for (const form of printedForms(trimmed)) this.#values.add(form);
        this.#sorted = void 0;
      }
      /**
       * Adds the secret settings every installed provider reads from the environment: its required
       * variables (credentials), and any of its variables whose name says it is a secret or names one
       * of its `secretSettings`.
       */
      addProviderSecrets(plugins, env) {
        for (const plugin of plugins) {
          const settingWords = plugin.secretSettings.map((setting) =>
            setting.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
          );
          const secretNames = [
            ...plugin.env.required,
            ...plugin.env.optional.filter(
              (name) =>
                SECRET_NAME.test(name) || settingWords.some((word) => name.toUpperCase().includes(word)),
            ),
          ];
          for (const name of secretNames) this.addValue(env[name]);
        }
      }
      /** Adds every environment variable whose name says it holds a secret, whichever plugin reads it. */
      addEnvironmentSecrets(env) {
        for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) this.addValue(value);
      }
      /** Adds the user-data given to `create`, in every form a cloud may echo it. */
      addUserData(text) {
        this.addValue(text);
        for (const line of text.split(/\r?\n/)) {
          if (line.trim().length >= MIN_USER_DATA_LINE) this.addValue(line.trim());
        }
        const base64 = Buffer.from(text, 'utf8').toString('base64');
        this.#encodings.push(base64, encodeURIComponent(base64));
        this.addValue(base64);
        this.addValue(encodeURIComponent(base64));
      }
      /** The text with every known secret replaced by `[redacted]`. */
      redact(text) {
        let result = text;
        this.#sorted ??= [...this.#values].sort((a, b) => b.length - a.length);
        for (const value of this.#sorted) {
          if (result.includes(value)) result = result.split(value).join(REDACTED);
          result = redactTruncated(result, value);
        }
        if (this.#encodings.length > 0) {
          result = result.replace(/[A-Za-z0-9+/%]{16,}={0,2}/g, (run) =>
            run.length >= MIN_BASE64_RUN && this.#encodings.some((encoded) => encoded.includes(run))
              ? REDACTED
              : run,
          );
        }
        for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
        return result;
      }
    };
  },
});

// ../../work/wt/cold-start/packages/cli/dist/main.js
var main_exports = {};
__export(main_exports, {
  buildProgram: () => buildProgram,
  main: () => main,
});

import { readFileSync as readFileSync3 } from 'node:fs';

function version() {
  const manifest = JSON.parse(readFileSync3(new URL('../package.json', import.meta.url), 'utf8'));
  return manifest.version;
}
function buildProgram(runtime) {
  const { io } = runtime;
  const program2 = new Command('provision');
  program2
    .description(
      'Create the cheapest cloud host with a public IP from cloud-init user-data, on any installed provider.',
    )
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--output <format>', 'table or json').choices(['table', 'json']).default('table'))
    .option('--debug', 'print diagnostics and stack traces on stderr')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are printed by reportError, with a hint and the documented exit code.
      outputError: () => {},
    })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .exitOverride()
    .addHelpText('after', HELP_FOOTER);
  registerProvidersCommand(program2, runtime);
  registerCreateCommand(program2, runtime);
  registerStatusCommand(program2, runtime);
  registerListCommand(program2, runtime);
  registerDeleteCommand(program2, runtime);
  registerPowerCommands(program2, runtime);
  registerPlansCommand(program2, runtime);
  registerRegionsCommand(program2, runtime);
  registerGcCommand(program2, runtime);
  registerEmulatorCommand(program2, runtime);
  return program2;
}
function wantsJson(argv) {
  return argv.some(
    (argument, index) =>
      argument === '--output=json' || (argument === '--output' && argv[index + 1] === 'json'),
  );
}
async function main(argv, given = processIo()) {
  const redactor = new Redactor();
  redactor.addEnvironmentSecrets(given.env);
  const io = redactedIo(given, redactor);
  const controller = new AbortController();
  const onSignal = () => {
    removeHandlers();
    controller.abort(new InterruptedError());
  };
  const removeHandlers = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const runtime = { io, signal: controller.signal, redactor, current: void 0 };
  try {
    await buildProgram(runtime).parseAsync([...argv]);
    return runtime.current?.exitCode ?? 0;
  } catch (error) {
    return reportError(io, error, {
      json: runtime.current?.options.output === 'json' || wantsJson(argv),
      debug: runtime.current?.options.debug ?? argv.includes('--debug'),
      notes: runtime.current?.errorNotes ?? [],
      credentialsHelp: (provider) => runtime.current?.credentialsHelp(provider),
    });
  } finally {
    removeHandlers();
  }
}
var HELP_FOOTER;
var init_main = __esm({
  '../../work/wt/cold-start/packages/cli/dist/main.js'() {
    init_commander();
    init_create();
    init_delete();
    init_emulator();
    init_gc();
    init_list();
    init_plans();
    init_power();
    init_providers2();
    init_regions();
    init_status();
    init_interrupted_error();
    init_io();
    init_errors2();
    init_redacting_stream();
    init_redactor();
    HELP_FOOTER = `
Hosts:
  create and list print each host as <provider>:<id> (e.g. digitalocean:12345/<uuid>); status,
  delete, start, stop and reboot take that form, or the bare id with --provider <id>.

Credentials:
  Read from each provider's environment variables (or its own config files), never from the
  command line. \`provision providers\` shows which variables each provider reads and which are set.
  No account? \`provision emulator\` serves fake clouds locally, or add --emulator to a command.

Exit codes:
  0  success
  1  failure (the cloud or the provider failed)
  2  usage error (bad flags or input, unsupported option, missing credentials)
  3  --wait reached its --timeout (the host may still get there)
  130  interrupted (Ctrl-C)

Output:
  --output json prints exactly one JSON document on stdout (on failure: {"error": {...}});
  progress, notes and warnings go to stderr.
`;
  },
});

// ../../work/wt/cold-start/packages/cli/dist/bin.js
var args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync: readFileSync4 } = await import('node:fs');
  const manifest = JSON.parse(readFileSync4(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${manifest.version}
`);
} else {
  const { main: main2 } = await Promise.resolve().then(() => (init_main(), main_exports));
  process.exitCode = await main2(process.argv);
}
