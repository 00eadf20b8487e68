import { describe, expect, it } from 'vitest';
import { createGreeter, HelloError } from './index.js';

describe('createGreeter', () => {
  it('greets with the default council', () => {
    expect(createGreeter().greet('Ada')).toBe('Hello Ada, welcome to your council.');
  });

  it('trims the name and counts greetings', () => {
    const greeter = createGreeter({ council: 'Anytown Borough Council' });
    expect(greeter.greet('  Ada  ')).toBe('Hello Ada, welcome to Anytown Borough Council.');
    greeter.greet('Grace');
    expect(greeter.count()).toBe(2);
  });

  it('puts Welsh first when bilingual', () => {
    expect(createGreeter({ bilingual: true }).greet('Dylan')).toMatch(/^Shwmae Dylan\. Hello Dylan/);
  });

  it('refuses a blank name with a typed reason', () => {
    const greeter = createGreeter();
    const error = (() => {
      try {
        greeter.greet('   ');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(HelloError);
    expect(error).toMatchObject({ name: 'HelloError', reason: 'invalid-name', message: 'Enter a name' });
    expect(greeter.count()).toBe(0);
  });

  it('refuses bad options at the boundary', () => {
    expect(() => createGreeter({ council: '' })).toThrow(HelloError);
  });
});
